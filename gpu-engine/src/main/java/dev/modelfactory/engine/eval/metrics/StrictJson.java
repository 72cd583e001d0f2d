package dev.modelfactory.engine.eval.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Strict JSON parsing for the valid-JSON metric: the whole stripped output must be exactly one JSON value
 * (RFC 8259: no comments, no single quotes, no trailing commas, no NaN, no trailing text), and objects must
 * not repeat a key. An empty output is not JSON.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StrictJson() {
    }

    /** The value, or empty when the stripped text is not exactly one strict JSON value. */
    public static Optional<JsonNode> parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(s);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Parses a schema or other trusted JSON, failing with Jackson's message. */
    static JsonNode parseOrThrow(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonSchemaException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JsonSchemaException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
