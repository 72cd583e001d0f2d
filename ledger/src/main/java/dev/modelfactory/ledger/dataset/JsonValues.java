package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON tree over Jackson's streaming API: objects as {@code Map<String,Object>}, arrays as
 * {@code List<Object>}, strings, numbers ({@code Long}, {@code Double} or {@code BigInteger}),
 * booleans and null.
 *
 * <p>Why not Jackson databind: the parsers need a tree of one record at a time only (memory stays
 * bounded by the record), and jackson-core alone is a much smaller dependency.
 */
final class JsonValues {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonValues() {
    }

    /** Reads the value starting at the parser's current token, leaving the parser on its last token. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> obj = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    obj.put(key, read(p));
                }
                yield obj;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + t);
        };
    }

    /** Compact JSON text of a tree value. */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case Double n -> g.writeNumber(n);
            case java.math.BigInteger n -> g.writeNumber(n);
            default -> g.writeString(value.toString());
        }
    }

    /** The JSON type name of a tree value, for reject reasons. */
    static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Boolean b -> "boolean";
            default -> "number";
        };
    }

    /** A required string field. */
    static String requiredString(Map<String, Object> obj, String field) throws BadRowException {
        if (!obj.containsKey(field)) {
            throw new BadRowException("missing required field '" + field + "'");
        }
        return string(obj.get(field), field);
    }

    /** An optional string field: null if absent or JSON null. */
    static String optionalString(Map<String, Object> obj, String field) throws BadRowException {
        Object v = obj.get(field);
        return v == null ? null : string(v, field);
    }

    /** A required array field. */
    static List<Object> requiredArray(Map<String, Object> obj, String field) throws BadRowException {
        if (!obj.containsKey(field)) {
            throw new BadRowException("missing required field '" + field + "'");
        }
        Object v = obj.get(field);
        if (!(v instanceof List<?> list)) {
            throw new BadRowException("field '" + field + "' must be an array, got " + typeName(v));
        }
        @SuppressWarnings("unchecked")
        List<Object> cast = (List<Object>) list;
        return cast;
    }

    /** An element of an array that must be an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v, String where) throws BadRowException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new BadRowException(where + " must be an object, got " + typeName(v));
        }
        return (Map<String, Object>) m;
    }

    /** A field that must be a string. */
    static String string(Object v, String where) throws BadRowException {
        if (!(v instanceof String s)) {
            throw new BadRowException("field '" + where + "' must be a string, got " + typeName(v));
        }
        return s;
    }

    /** Text of a field holding JSON: a string as is, anything else as compact JSON; null stays null. */
    static String jsonText(Object v) {
        return v == null ? null : v instanceof String s ? s : write(v);
    }

    /** Tags from an optional {@code tags} field: an array of strings or one string. */
    static List<String> tags(Map<String, Object> obj) throws BadRowException {
        Object v = obj.get("tags");
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return Tags.split(s);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(string(o, "tags[]").strip());
            }
            return out;
        }
        throw new BadRowException("field 'tags' must be an array of strings, got " + typeName(v));
    }
}
