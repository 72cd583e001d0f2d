package dev.modelfactory.engine.format.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.RopeScaling;
import dev.modelfactory.engine.format.RopeStyle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code config.json} of a Llama-family checkpoint to a {@link ModelSpec}. Supported architectures:
 * LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM (q/k/v biases). Defaults follow the
 * transformers config classes where the file is silent.
 */
public final class HfConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfConfig() {
    }

    public static ModelSpec read(Path configJson) {
        try {
            return parse(JSON.readTree(Files.readString(configJson)), configJson.toString());
        } catch (IOException e) {
            throw new ModelFormatException(configJson + ": cannot read: " + e.getMessage(), e);
        }
    }

    static ModelSpec parse(JsonNode c, String source) {
        if (c == null || !c.isObject()) {
            throw new ModelFormatException(source + ": not a JSON object");
        }
        String archClass = c.path("architectures").path(0).asText("");
        String arch = switch (archClass) {
            case "LlamaForCausalLM" -> "llama";
            case "MistralForCausalLM" -> "mistral";
            case "Qwen2ForCausalLM" -> "qwen2";
            default -> throw ModelFormatException.field(source, "architectures", "unsupported architecture '"
                    + archClass + "' (supported: LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM)");
        };
        int dim = positive(c, "hidden_size", source);
        int heads = positive(c, "num_attention_heads", source);
        int kvHeads = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isNull()
                ? positive(c, "num_key_value_heads", source) : heads;
        int headDim = c.has("head_dim") && !c.get("head_dim").isNull() ? positive(c, "head_dim", source) : dim / heads;
        boolean qkvBias = arch.equals("qwen2") || c.path("attention_bias").asBoolean(false);
        try {
            return new ModelSpec(arch,
                    positive(c, "vocab_size", source),
                    dim,
                    positive(c, "num_hidden_layers", source),
                    heads, kvHeads, headDim,
                    positive(c, "intermediate_size", source),
                    c.path("max_position_embeddings").asInt(2048),
                    c.path("rope_theta").asDouble(10000.0),
                    c.path("rms_norm_eps").asDouble(1e-6),
                    RopeStyle.NEOX,
                    ropeScaling(c.get("rope_scaling"), source),
                    c.path("tie_word_embeddings").asBoolean(false),
                    qkvBias);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static int positive(JsonNode c, String field, String source) {
        JsonNode n = c.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() <= 0) {
            throw ModelFormatException.field(source, field, n == null ? "missing" : "must be a positive integer, found " + n);
        }
        return n.intValue();
    }

    private static Optional<RopeScaling> ropeScaling(JsonNode r, String source) {
        if (r == null || r.isNull()) {
            return Optional.empty();
        }
        if (!r.isObject()) {
            throw ModelFormatException.field(source, "rope_scaling", "must be an object or null");
        }
        String type = r.has("rope_type") ? r.get("rope_type").asText() : r.path("type").asText("");
        if (type.isEmpty()) {
            throw ModelFormatException.field(source, "rope_scaling.rope_type", "missing");
        }
        if (type.equals("default")) {
            return Optional.empty();
        }
        return Optional.of(new RopeScaling(type, r.path("factor").asDouble(1.0),
                r.path("low_freq_factor").asDouble(Double.NaN), r.path("high_freq_factor").asDouble(Double.NaN),
                r.path("original_max_position_embeddings").asInt(0)));
    }
}
