package dev.modelfactory.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import dev.modelfactory.engine.generate.SamplerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fields of a chat or text completion request the server honours, checked: {@code model},
 * {@code messages} (chat) or {@code prompt} (text), {@code stream}, {@code max_tokens} (or
 * {@code max_completion_tokens}), {@code stream_options.include_usage}, {@code temperature}, {@code top_p}, {@code seed}, {@code stop} and
 * {@code n} (only 1). Other fields are ignored, as OpenAI-compatible servers commonly do.
 *
 * @param messages the chat turns (null for a text completion)
 * @param prompt   the text prompt (null for a chat completion)
 */
record CompletionRequest(String model, List<Message> messages, String prompt, boolean stream, boolean streamUsage,
        int maxTokens, SamplerConfig sampling, List<String> stops) {

    /** OpenAI's default temperature; 0 is greedy. */
    private static final double DEFAULT_TEMPERATURE = 1.0;

    static CompletionRequest parse(JsonNode body, boolean chat, int maxTokensLimit) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object", null);
        }
        String model = text(body, "model", true);
        List<Message> messages = chat ? messages(body) : null;
        String prompt = chat ? null : prompt(body);
        boolean stream = bool(body, "stream");
        JsonNode options = body.path("stream_options");
        boolean streamUsage = options.isObject() && bool(options, "include_usage");
        integer(body, "n", 1, 1, 1); // several choices per request are not supported
        String tokensField = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        long maxTokens = integer(body, tokensField, Math.min(maxTokensLimit, 256), 1, Long.MAX_VALUE);
        if (maxTokens > maxTokensLimit) {
            throw ApiException.badRequest(tokensField + " is " + maxTokens + ", above this server's limit of "
                    + maxTokensLimit, tokensField);
        }
        double temperature = number(body, "temperature", DEFAULT_TEMPERATURE, 0, 2);
        double topP = number(body, "top_p", 1, Double.MIN_VALUE, 1);
        long seed = body.hasNonNull("seed") ? integer(body, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong();
        SamplerConfig sampling = temperature == 0 ? SamplerConfig.greedy()
                : SamplerConfig.temperature((float) temperature, seed).withTopP((float) topP);
        return new CompletionRequest(model, messages, prompt, stream, streamUsage, (int) maxTokens, sampling, stops(body));
    }

    private static List<Message> messages(JsonNode body) {
        JsonNode m = body.get("messages");
        if (m == null || !m.isArray() || m.isEmpty()) {
            throw ApiException.badRequest("messages must be a non-empty array", "messages");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            JsonNode msg = m.get(i);
            String at = "messages[" + i + "]";
            if (!msg.isObject() || !msg.path("role").isTextual()) {
                throw ApiException.badRequest(at + " must be an object with a string role", at + ".role");
            }
            out.add(new Message(msg.get("role").textValue(), content(msg.get("content"), at + ".content")));
        }
        return out;
    }

    /** A string, or an array of parts of which only {@code {"type":"text","text":...}} are understood. */
    private static String content(JsonNode c, String at) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isTextual()) {
            return c.textValue();
        }
        if (c.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiException.badRequest(at + ": only text content parts are supported", at);
                }
                b.append(part.get("text").textValue());
            }
            return b.toString();
        }
        throw ApiException.badRequest(at + " must be a string or an array of text parts", at);
    }

    private static String prompt(JsonNode body) {
        JsonNode p = body.get("prompt");
        if (p != null && p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            return p.get(0).textValue();
        }
        if (p == null || !p.isTextual()) {
            throw ApiException.badRequest("prompt must be a string (or an array of one string)", "prompt");
        }
        return p.textValue();
    }

    private static List<String> stops(JsonNode body) {
        JsonNode s = body.get("stop");
        if (s == null || s.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (s.isTextual()) {
            out.add(s.textValue());
        } else if (s.isArray() && s.size() <= 4) {
            for (JsonNode x : s) {
                if (!x.isTextual()) {
                    throw ApiException.badRequest("stop must be a string or an array of up to 4 strings", "stop");
                }
                out.add(x.textValue());
            }
        } else {
            throw ApiException.badRequest("stop must be a string or an array of up to 4 strings", "stop");
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + " is required", field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field + " must be a boolean", field);
        }
        return v.booleanValue();
    }

    private static long integer(JsonNode body, String field, long dflt, long min, long max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw ApiException.badRequest(field + " must be an integer"
                    + (min == max ? " equal to " + min : " >= " + min), field);
        }
        return v.longValue();
    }

    private static double number(JsonNode body, String field, double dflt, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
            throw ApiException.badRequest(field + " must be a number between " + (min == Double.MIN_VALUE ? 0 : min)
                    + " and " + max, field);
        }
        return v.doubleValue();
    }
}
