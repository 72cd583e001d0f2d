package dev.modelfactory.app.handoff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** File writers of a bundle: trainer YAML, LLaMA-Factory's dataset_info.json, folder removal. */
final class BundleFiles {

    static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BundleFiles() {
    }

    static String yaml(Map<String, Object> keys) {
        try {
            return YAML.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the trainer config: " + e.getOriginalMessage(), e);
        }
    }

    /** LLaMA-Factory's dataset registry for the bundle's ShareGPT files (its default tag names, spelled out). */
    static String datasetInfo(boolean hasValidation) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(TrainerConfigs.LF_TRAIN, shareGpt(TrainerConfigs.TRAIN_FILE));
        if (hasValidation) {
            all.put(TrainerConfigs.LF_VALIDATION, shareGpt(TrainerConfigs.VALIDATION_FILE));
        }
        try {
            return JSON.writeValueAsString(all) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> shareGpt(String file) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file_name", file);
        d.put("formatting", "sharegpt");
        d.put("columns", Map.of("messages", "conversations", "system", "system", "tools", "tools"));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("role_tag", "from");
        tags.put("content_tag", "value");
        tags.put("user_tag", "human");
        tags.put("assistant_tag", "gpt");
        tags.put("observation_tag", "observation");
        tags.put("function_tag", "function_call");
        tags.put("system_tag", "system");
        d.put("tags", tags);
        return d;
    }

    /** Removes a folder and everything under it (a failed export's temp folder). */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }
}
