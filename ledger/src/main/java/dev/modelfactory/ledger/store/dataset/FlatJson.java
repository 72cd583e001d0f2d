package dev.modelfactory.ledger.store.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** A flat JSON object of strings, as {@code curation_op.params} stores an operation's arguments. */
final class FlatJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private FlatJson() {
    }

    static String write(Map<String, String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Map<String, String> read(String json) {
        Map<String, String> out = new TreeMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                out.put(key, p.getValueAsString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
        return out;
    }
}
