package dev.modelfactory.engine.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PEFT's {@code adapter_config.json} for a LoRA adapter on a Llama-family causal LM.
 *
 * <p>Written with PEFT's field names and the values {@code LoraConfig.save_pretrained} writes for a plain
 * LoRA (the field set of PEFT 0.10+, which every later PEFT and vLLM read): keys sorted, indent 2, like
 * PEFT's {@code json.dumps(..., indent=2, sort_keys=True)}. Read back strictly: an adapter using features
 * the engine does not apply (bias training, DoRA, fan_in_fan_out, per-module rank or alpha patterns, extra
 * saved modules, a subset of layers) is refused naming the field, rather than merged wrongly.
 */
public record PeftAdapterConfig(LoraConfig lora, String baseModelNameOrPath) {

    public static final String FILE = "adapter_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON text as written to disk. */
    public String toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> m = new TreeMap<>();
        m.put("alpha_pattern", f.objectNode());
        m.put("auto_mapping", f.nullNode());
        m.put("base_model_name_or_path", baseModelNameOrPath == null ? f.nullNode() : f.textNode(baseModelNameOrPath));
        m.put("bias", f.textNode("none"));
        m.put("fan_in_fan_out", f.booleanNode(false));
        m.put("inference_mode", f.booleanNode(true));
        m.put("init_lora_weights", f.booleanNode(true));
        m.put("layer_replication", f.nullNode());
        m.put("layers_pattern", f.nullNode());
        m.put("layers_to_transform", f.nullNode());
        m.put("loftq_config", f.objectNode());
        float alpha = lora.alpha();
        m.put("lora_alpha", alpha == Math.rint(alpha) ? f.numberNode((int) alpha) : f.numberNode(Double.parseDouble(Float.toString(alpha))));
        m.put("lora_dropout", f.numberNode(Double.parseDouble(Float.toString(lora.dropout()))));
        m.put("megatron_config", f.nullNode());
        m.put("megatron_core", f.textNode("megatron.core"));
        m.put("modules_to_save", f.nullNode());
        m.put("peft_type", f.textNode("LORA"));
        m.put("r", f.numberNode(lora.rank()));
        m.put("rank_pattern", f.objectNode());
        m.put("revision", f.nullNode());
        var targets = f.arrayNode();
        lora.targets().stream().map(LoraTarget::peftName).sorted().forEach(targets::add);
        m.put("target_modules", targets);
        m.put("task_type", f.textNode("CAUSAL_LM"));
        m.put("use_dora", f.booleanNode(false));
        m.put("use_rslora", f.booleanNode(lora.rsLora()));
        ObjectNode root = f.objectNode();
        m.forEach(root::set);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses an adapter_config.json; {@code source} is named in errors. */
    public static PeftAdapterConfig parse(String json, String source) {
        JsonNode c;
        try {
            c = JSON.readTree(json);
        } catch (IOException e) {
            throw new AdapterException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (c == null || !c.isObject()) {
            throw new AdapterException(source + ": not a JSON object");
        }
        Fields r = new Fields(c, source);
        r.require("peft_type", "LORA", true);
        r.require("task_type", "CAUSAL_LM", false);
        r.require("bias", "none", false);
        r.mustBeFalse("fan_in_fan_out");
        r.mustBeFalse("use_dora");
        r.mustBeEmpty("modules_to_save");
        r.mustBeEmpty("layers_to_transform");
        r.mustBeEmpty("rank_pattern");
        r.mustBeEmpty("alpha_pattern");
        r.mustBeEmpty("layer_replication");
        int rank = r.positiveInt("r");
        JsonNode alpha = c.get("lora_alpha");
        if (alpha == null || !alpha.isNumber()) {
            throw r.error("lora_alpha", "must be a number, got " + alpha);
        }
        JsonNode dropout = c.get("lora_dropout");
        if (dropout != null && !dropout.isNull() && !dropout.isNumber()) {
            throw r.error("lora_dropout", "must be a number, got " + dropout);
        }
        JsonNode rs = c.get("use_rslora");
        boolean rsLora = rs != null && rs.asBoolean(false);
        JsonNode base = c.get("base_model_name_or_path");
        try {
            LoraConfig lora = new LoraConfig(targets(c.get("target_modules"), r), rank, alpha.floatValue(),
                    dropout == null || dropout.isNull() ? 0f : dropout.floatValue(), rsLora);
            return new PeftAdapterConfig(lora, base == null || base.isNull() ? null : base.asText());
        } catch (IllegalArgumentException e) {
            throw new AdapterException(source + ": " + e.getMessage(), e);
        }
    }

    private static Set<LoraTarget> targets(JsonNode t, Fields r) {
        if (t != null && t.isTextual() && t.asText().equals("all-linear")) {
            return EnumSet.allOf(LoraTarget.class);
        }
        if (t == null || !t.isArray() || t.isEmpty()) {
            throw r.error("target_modules", "must be a non-empty list of projection names or \"all-linear\", got " + t);
        }
        List<LoraTarget> out = new ArrayList<>();
        for (JsonNode x : t) {
            try {
                out.add(LoraTarget.parse(x.asText()));
            } catch (IllegalArgumentException e) {
                throw r.error("target_modules", e.getMessage() + " (this engine adapts Llama-family projections only)");
            }
        }
        return EnumSet.copyOf(out);
    }

    /** Field checks with errors naming the file and field. */
    private record Fields(JsonNode c, String source) {
        AdapterException error(String field, String message) {
            return new AdapterException(source + ": " + field + ": " + message);
        }

        void require(String field, String value, boolean required) {
            JsonNode v = c.get(field);
            if ((v == null || v.isNull()) && !required) {
                return;
            }
            if (v == null || !value.equals(v.asText())) {
                throw error(field, "must be \"" + value + "\", got " + v + " (only " + value + " adapters are supported)");
            }
        }

        void mustBeFalse(String field) {
            JsonNode v = c.get(field);
            if (v != null && v.asBoolean(false)) {
                throw error(field, "true is not supported");
            }
        }

        void mustBeEmpty(String field) {
            JsonNode v = c.get(field);
            if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                throw error(field, "is not supported (must be null or empty), got " + v);
            }
        }

        int positiveInt(String field) {
            JsonNode v = c.get(field);
            if (v == null || !v.isIntegralNumber() || v.intValue() < 1) {
                throw error(field, "must be a positive integer, got " + v);
            }
            return v.intValue();
        }
    }
}
