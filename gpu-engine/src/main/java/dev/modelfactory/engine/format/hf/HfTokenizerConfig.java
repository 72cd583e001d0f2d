package dev.modelfactory.engine.format.hf;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for {@code tokenizer_config.json} fields. */
final class HfTokenizerConfig {

    private HfTokenizerConfig() {
    }

    /** A special token given as a plain string or as an AddedToken object with "content"; null when absent. */
    static String tokenText(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : n.path("content").asText(null);
    }
}
