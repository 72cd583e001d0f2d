package dev.modelfactory.ledger.store.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Field checks of this package's records and the small JSON shapes the store writes itself. */
final class Fields {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final JsonFactory JSON = new JsonFactory();

    private Fields() {
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + ": expected 1.." + max + " characters, got '" + value + "'");
        }
        return value.strip();
    }

    static String hash(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": expected 64 lowercase hex characters, got '" + value + "'");
        }
        return value;
    }

    /** Refuses text that is not exactly one JSON value, naming the field and the parser's position. */
    static void requireJson(String field, String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException(field + ": empty, expected JSON");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(field + ": more than one JSON value at "
                        + p.currentLocation().offsetDescription());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + ": not JSON: " + e.getOriginalMessage() + " at "
                    + e.getLocation().offsetDescription(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code [{"label":..,"adapterPath":..,"adapterHash":..}]}, nulls for the base. */
    static String systemsJson(List<SystemRef> systems) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (SystemRef s : systems) {
                g.writeStartObject();
                g.writeStringField("label", s.label());
                g.writeStringField("adapterPath", s.adapterPath());
                g.writeStringField("adapterHash", s.adapterHash());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static List<SystemRef> systems(String json) {
        List<SystemRef> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String label = null;
                String path = null;
                String hash = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    String v = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                    switch (name) {
                        case "label" -> label = v;
                        case "adapterPath" -> path = v;
                        case "adapterHash" -> hash = v;
                        default -> p.skipChildren();
                    }
                }
                out.add(new SystemRef(label, path, hash));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored systems JSON is damaged: " + e.getMessage(), e);
        }
        return out;
    }

    /** Scores as a JSON object with keys sorted (the same map always writes the same text). */
    static String scoresJson(Map<String, Double> scores) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Double> e : new TreeMap<>(scores).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static Map<String, Double> scores(String json) {
        Map<String, Double> out = new TreeMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.getDoubleValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored scores JSON is damaged: " + e.getMessage(), e);
        }
        return out;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
