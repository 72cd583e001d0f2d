package dev.modelfactory.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading bounded JSON bodies and writing JSON answers and OpenAI error objects. */
final class Exchanges {

    static final ObjectMapper JSON = new ObjectMapper();

    private Exchanges() {
    }

    /** The body as JSON; 413 when it is longer than {@code limit} bytes (declared or actual), 400 when not JSON. */
    static JsonNode readJson(HttpExchange ex, long limit) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number", null);
            }
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "invalid_request_error", "The request body is larger than this server's limit of "
                + limit + " bytes", null, "request_too_large");
    }

    static void sendJson(HttpExchange ex, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange ex, ApiException e) throws IOException {
        ObjectNode err = JSON.createObjectNode();
        ObjectNode body = err.putObject("error");
        body.put("message", e.getMessage());
        body.put("type", e.type());
        body.put("param", e.param());
        body.put("code", e.code());
        if (e.status() == 401) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        sendJson(ex, e.status(), err);
    }
}
