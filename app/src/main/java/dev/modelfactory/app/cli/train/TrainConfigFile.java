package dev.modelfactory.app.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training config as YAML (or JSON): the engine's config fields in snake_case ({@code learning_rate},
 * {@code epochs}, {@code lora: {rank, alpha, targets: [q_proj, v_proj], dropout, rs_lora}}, ...). Absent
 * fields take the command's defaults; {@code lora: null} asks for full fine-tuning.
 */
final class TrainConfigFile {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainConfigFile() {
    }

    /** The file's fields over {@code defaults}; errors name the file and the field. */
    static TrainingConfig read(Path file, TrainingConfig defaults) {
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read as YAML: " + e.getMessage(), e);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new BadInputException(file + ": must be a mapping of config fields (learning_rate: ..., lora: ...)");
        }
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(defaults.canonicalJson());
            node.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            if (node.has("lora") && node.get("lora").isObject() && merged.get("lora") != null
                    && defaults.lora() != null) {
                ObjectNode lora = (ObjectNode) JSON.readTree(defaults.canonicalJson()).get("lora");
                node.get("lora").properties().forEach(e -> lora.set(e.getKey(), e.getValue()));
                merged.set("lora", lora);
            }
            return TrainingConfigJson.parse(JSON.writeValueAsString(merged));
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }
}
