package dev.modelfactory.studio.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The form's text values by {@link HyperField#key()}, turned into a {@link TrainingConfig} by the engine's
 * own parser ({@link TrainingConfigJson#parse}), so the form accepts exactly what a run accepts and shows
 * the engine's reason. Each field is also checked alone (its value over a valid config) so every wrong
 * field shows its reason at once, not only the first.
 */
public final class ConfigDraft {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What LoRA fields read when the method is switched from full to LoRA. */
    static final LoraConfig DEFAULT_LORA = new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false);

    /** The outcome of a validation: the config when every field is right, else the reason per field key. */
    public record Validation(Optional<TrainingConfig> config, Map<String, String> errors) {
        public boolean ok() {
            return config.isPresent();
        }
    }

    /** Config keys the page chooses outside the form (template chooser, split choice). */
    static final Set<String> PAGE_LEVEL = Set.of("chat_template", "train_splits", "eval_split");

    private ConfigDraft() {
    }

    /** The form values of a config. */
    public static Map<String, String> values(TrainingConfig c) {
        Map<String, String> v = new LinkedHashMap<>();
        JsonNode root = read(c.canonicalJson());
        root.properties().forEach(e -> {
            if (!e.getKey().equals("lora") && !PAGE_LEVEL.contains(e.getKey())) {
                v.put(e.getKey(), text(e.getValue()));
            }
        });
        // written to the canonical JSON only when on; the form always shows them
        v.putIfAbsent("sample_every", Integer.toString(c.sampleEvery()));
        v.putIfAbsent("sample_count", Integer.toString(c.sampleCount()));
        v.remove("sample_max_tokens");
        v.put("method", c.lora() == null ? "full" : "lora");
        JsonNode lora = c.lora() == null ? read(TrainingConfig.builder().lora(DEFAULT_LORA).build().canonicalJson())
                .get("lora") : root.get("lora");
        lora.properties().forEach(e -> v.put("lora." + e.getKey(), e.getKey().equals("targets")
                ? String.join(", ", e.getValue().valueStream().map(n -> n.asText().replace("_proj", "")).toList())
                : text(e.getValue())));
        return v;
    }

    /** Validates every field alone, then the whole config. */
    public static Validation validate(Map<String, String> values, TrainingConfig valid) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean full = "full".equals(values.get("method"));
        Map<String, String> base = values(full ? valid.toBuilder().lora(null).build()
                : valid.lora() == null ? valid.toBuilder().lora(DEFAULT_LORA).build() : valid);
        for (HyperField f : HyperField.ALL) {
            if (f.key().equals("method") || (full && f.lora())) {
                continue;
            }
            Map<String, String> one = new LinkedHashMap<>(base);
            one.put(f.key(), values.getOrDefault(f.key(), ""));
            try {
                parse(one);
            } catch (IllegalArgumentException e) {
                errors.put(f.key(), reason(f.key(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return new Validation(Optional.empty(), errors);
        }
        TrainingConfig config;
        try {
            config = parse(values);
        } catch (IllegalArgumentException e) {
            errors.put(fieldOf(e.getMessage()), e.getMessage());
            return new Validation(Optional.empty(), errors);
        }
        // combinations the engine accepts field by field but that cannot make a sensible run
        if (config.maxSteps() > 0 && config.warmupSteps() >= config.maxSteps()) {
            errors.put("warmup_steps", "warmup_steps: " + config.warmupSteps() + " is not below max_steps "
                    + config.maxSteps() + ": the run would end before reaching its learning rate");
        }
        if (config.maxSteps() > 0 && config.evalEvery() > config.maxSteps()) {
            errors.put("eval_every", "eval_every: " + config.evalEvery() + " is above max_steps " + config.maxSteps()
                    + "; use 0 to evaluate at the end only");
        }
        return errors.isEmpty() ? new Validation(Optional.of(config), errors) : new Validation(Optional.empty(), errors);
    }

    /** The config of complete values; messages name the field ("seq_len: must be >= 2, got 1"). */
    public static TrainingConfig parse(Map<String, String> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode lora = JSON.createObjectNode();
        for (var e : values.entrySet()) {
            String key = e.getKey();
            String text = e.getValue() == null ? "" : e.getValue().strip();
            if (key.equals("method")) {
                continue;
            }
            boolean inLora = key.startsWith("lora.");
            if (inLora && "full".equals(values.get("method"))) {
                continue;
            }
            String name = inLora ? key.substring(5) : key;
            ObjectNode target = inLora ? lora : root;
            if (text.isEmpty()) {
                throw new IllegalArgumentException(name + ": required");
            }
            switch (name) {
                case "schedule", "truncation" -> target.put(name, text);
                case "packing", "rs_lora" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException(name + ": true or false, got '" + text + "'");
                    }
                    target.put(name, Boolean.parseBoolean(text));
                }
                case "targets" -> {
                    ArrayNode list = target.putArray(name);
                    for (String t : text.split("[,\\s]+")) {
                        if (!t.isBlank()) {
                            list.add(LoraTarget.parse(t).peftName());
                        }
                    }
                }
                default -> target.set(name, number(name, text));
            }
        }
        root.set("lora", "full".equals(values.get("method")) ? null : lora);
        try {
            return TrainingConfigJson.parse(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode number(String name, String text) {
        try {
            if (text.matches("[+-]?\\d+")) {
                return JSON.getNodeFactory().numberNode(Long.parseLong(text));
            }
            return JSON.getNodeFactory().numberNode(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: '" + text + "'");
        }
    }

    /** The engine names "rank:", the form knows "lora.rank"; other fields' messages are kept as they are. */
    private static String reason(String key, String message) {
        return message == null ? key + ": invalid" : message;
    }

    private static String fieldOf(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        String f = colon > 0 ? message.substring(0, colon) : "config";
        return Set.of("rank", "alpha", "dropout", "targets", "rs_lora").contains(f) ? "lora." + f : f;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }
}
