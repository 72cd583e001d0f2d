package dev.modelfactory.studio.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A training config as YAML with the canonical config's field names ({@code learning_rate: 0.0002},
 * {@code lora: {rank: 8, targets: [q_proj, v_proj], ...}}): the file {@code ./modelfactory train --config}
 * reads. Written atomically; reading names the file and the field that is wrong.
 */
public final class ConfigYaml {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigYaml() {
    }

    public static String toYaml(TrainingConfig c) {
        try {
            return YAML.writeValueAsString(JSON.readTree(c.canonicalJson()));
        } catch (IOException e) {
            throw new IllegalStateException("canonical JSON is always readable", e);
        }
    }

    public static void write(Path file, TrainingConfig c) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toYaml(c), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @throws IllegalArgumentException naming the file and field when the file is not a valid config */
    public static TrainingConfig read(Path file) throws IOException {
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": must be a mapping of config fields (learning_rate: ...)");
        }
        try {
            return TrainingConfigJson.parse(JSON.writeValueAsString(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
