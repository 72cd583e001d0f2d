package dev.modelfactory.engine.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A subset of JSON Schema 2020-12, implemented here, compiled once and then used to check outputs.
 *
 * <p>Supported assertions: {@code type} (a name or a list of names: null, boolean, object, array, number,
 * string, integer; integer is any number with no fractional part, so 1.0 is an integer as the spec says),
 * {@code properties}, {@code required}, {@code additionalProperties} (boolean or schema), {@code enum},
 * {@code const} (JSON equality: numbers compare by value), {@code items} (one schema for every element),
 * {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength} (in code points),
 * {@code pattern} (java.util.regex {@code find}, unanchored like ECMA-262), {@code minimum}/{@code maximum}
 * (inclusive). The boolean schemas {@code true} and {@code false} are accepted. Annotations that never
 * change the outcome ($schema, $id, $comment, title, description, default, examples) are allowed. Any other
 * keyword ($ref, oneOf, format, prefixItems, ...) is rejected by {@link #compile} with its path, so a
 * schema is never half-checked.
 */
public final class JsonSchema {

    private static final Set<String> ASSERTIONS = Set.of("type", "properties", "required",
            "additionalProperties", "enum", "const", "items", "minItems", "maxItems", "minLength", "maxLength",
            "pattern", "minimum", "maximum");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "default", "examples");
    private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string",
            "integer");

    private final JsonNode root;
    private final Map<String, Pattern> patterns;

    private JsonSchema(JsonNode root, Map<String, Pattern> patterns) {
        this.root = root;
        this.patterns = patterns;
    }

    /** Parses and checks {@code schemaText}; the error names the path of the offending keyword. */
    public static JsonSchema compile(String schemaText) {
        JsonNode root = StrictJson.parseOrThrow(schemaText, "JSON schema");
        Map<String, Pattern> patterns = new java.util.HashMap<>();
        check(root, "#", patterns);
        return new JsonSchema(root, Map.copyOf(patterns));
    }

    /** Whether {@code value} satisfies the schema. */
    public boolean accepts(JsonNode value) {
        return valid(root, value);
    }

    private static void check(JsonNode s, String path, Map<String, Pattern> patterns) {
        if (s.isBoolean()) {
            return;
        }
        if (!s.isObject()) {
            throw new JsonSchemaException(path + ": a schema must be an object or a boolean");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            String at = path + "/" + k;
            if (ANNOTATIONS.contains(k)) {
                continue;
            }
            if (!ASSERTIONS.contains(k)) {
                throw new JsonSchemaException(at + ": unsupported keyword '" + k + "' (supported: "
                        + new java.util.TreeSet<>(ASSERTIONS) + ")");
            }
            switch (k) {
                case "type" -> checkType(v, at);
                case "properties" -> {
                    require(v.isObject(), at, "must be an object of schemas");
                    v.fields().forEachRemaining(p -> check(p.getValue(), at + "/" + p.getKey(), patterns));
                }
                case "required" -> {
                    require(v.isArray(), at, "must be an array of strings");
                    v.forEach(r -> require(r.isTextual(), at, "must be an array of strings"));
                }
                case "additionalProperties", "items" -> {
                    require(!v.isArray(), at, "must be one schema (tuple 'items' is 'prefixItems', unsupported)");
                    check(v, at, patterns);
                }
                case "enum" -> require(v.isArray(), at, "must be an array");
                case "minItems", "maxItems", "minLength", "maxLength" ->
                    require(v.canConvertToExactIntegral() && v.asLong() >= 0, at, "must be a non-negative integer");
                case "minimum", "maximum" -> require(v.isNumber(), at, "must be a number");
                case "pattern" -> {
                    require(v.isTextual(), at, "must be a string");
                    try {
                        patterns.put(v.asText(), Pattern.compile(v.asText()));
                    } catch (PatternSyntaxException ex) {
                        throw new JsonSchemaException(at + ": bad regular expression: " + ex.getDescription());
                    }
                }
                default -> { } // const: any value
            }
        }
    }

    private static void checkType(JsonNode v, String at) {
        if (v.isTextual()) {
            require(TYPES.contains(v.asText()), at, "unknown type '" + v.asText() + "' (known: " + TYPES + ")");
        } else {
            require(v.isArray() && !v.isEmpty(), at, "must be a type name or a non-empty array of them");
            v.forEach(t -> checkType(t, at));
        }
    }

    private static void require(boolean ok, String at, String message) {
        if (!ok) {
            throw new JsonSchemaException(at + ": " + message);
        }
    }

    private boolean valid(JsonNode s, JsonNode x) {
        if (s.isBoolean()) {
            return s.asBoolean();
        }
        JsonNode type = s.get("type");
        if (type != null && !typeMatches(type, x)) {
            return false;
        }
        JsonNode c = s.get("const");
        if (c != null && !jsonEquals(c, x)) {
            return false;
        }
        JsonNode en = s.get("enum");
        if (en != null && !anyEquals(en, x)) {
            return false;
        }
        if (x.isObject() && !validObject(s, x)) {
            return false;
        }
        if (x.isArray()) {
            JsonNode items = s.get("items");
            if (s.has("minItems") && x.size() < s.get("minItems").asLong()
                    || s.has("maxItems") && x.size() > s.get("maxItems").asLong()) {
                return false;
            }
            if (items != null) {
                for (JsonNode el : x) {
                    if (!valid(items, el)) {
                        return false;
                    }
                }
            }
        }
        if (x.isTextual()) {
            String t = x.asText();
            long len = t.codePointCount(0, t.length());
            if (s.has("minLength") && len < s.get("minLength").asLong()
                    || s.has("maxLength") && len > s.get("maxLength").asLong()
                    || s.has("pattern") && !patterns.get(s.get("pattern").asText()).matcher(t).find()) {
                return false;
            }
        }
        if (x.isNumber()) {
            BigDecimal n = x.decimalValue();
            if (s.has("minimum") && n.compareTo(s.get("minimum").decimalValue()) < 0
                    || s.has("maximum") && n.compareTo(s.get("maximum").decimalValue()) > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean validObject(JsonNode s, JsonNode x) {
        JsonNode required = s.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!x.has(r.asText())) {
                    return false;
                }
            }
        }
        JsonNode props = s.get("properties");
        JsonNode additional = s.get("additionalProperties");
        Set<String> names = new HashSet<>();
        x.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode sub = props == null ? null : props.get(name);
            if (sub != null ? !valid(sub, x.get(name)) : additional != null && !valid(additional, x.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static boolean typeMatches(JsonNode type, JsonNode x) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, x)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> x.isNull();
            case "boolean" -> x.isBoolean();
            case "object" -> x.isObject();
            case "array" -> x.isArray();
            case "number" -> x.isNumber();
            case "string" -> x.isTextual();
            case "integer" -> x.isNumber() && isIntegral(x.decimalValue());
            default -> false;
        };
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean anyEquals(JsonNode candidates, JsonNode x) {
        for (JsonNode c : candidates) {
            if (jsonEquals(c, x)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality: numbers by value (1 == 1.0), objects by key set, arrays element by element. */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return false;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!b.has(k) || !jsonEquals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
