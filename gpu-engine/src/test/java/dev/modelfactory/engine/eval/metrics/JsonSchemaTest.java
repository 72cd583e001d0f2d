package dev.modelfactory.engine.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    private static boolean accepts(String schema, String value) {
        return JsonSchema.compile(schema).accepts(StrictJson.parse(value).orElseThrow());
    }

    @Test
    void strictJsonTakesExactlyOneValue() {
        assertThat(StrictJson.parse("  {\"a\": [1, 2.5, null, true]}\n")).isPresent();
        assertThat(StrictJson.parse("42")).isPresent();
        assertThat(StrictJson.parse("\"text\"")).isPresent();
        assertThat(StrictJson.parse("")).isEmpty();
        assertThat(StrictJson.parse("{\"a\": 1} trailing")).isEmpty();
        assertThat(StrictJson.parse("{\"a\": 1}{\"b\": 2}")).isEmpty();
        assertThat(StrictJson.parse("{'a': 1}")).isEmpty();
        assertThat(StrictJson.parse("{\"a\": 1,}")).isEmpty();
        assertThat(StrictJson.parse("{\"a\": 1, \"a\": 2}")).isEmpty();
        assertThat(StrictJson.parse("// c\n{}")).isEmpty();
        assertThat(StrictJson.parse("NaN")).isEmpty();
    }

    @Test
    void objectKeywords() {
        String s = """
                {"type": "object", "required": ["name"], "additionalProperties": false,
                 "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
                                "age": {"type": "integer", "minimum": 0, "maximum": 150}}}""";
        assertThat(accepts(s, "{\"name\": \"bob\", \"age\": 40}")).isTrue();
        assertThat(accepts(s, "{\"name\": \"bob\", \"age\": 40.0}")).isTrue(); // 40.0 is an integer
        assertThat(accepts(s, "{\"age\": 40}")).isFalse(); // required
        assertThat(accepts(s, "{\"name\": \"bob\", \"x\": 1}")).isFalse(); // additionalProperties
        assertThat(accepts(s, "{\"name\": \"b\"}")).isFalse(); // minLength
        assertThat(accepts(s, "{\"name\": \"bobby\"}")).isFalse(); // maxLength
        assertThat(accepts(s, "{\"name\": \"Bob\"}")).isFalse(); // pattern
        assertThat(accepts(s, "{\"name\": \"bob\", \"age\": 40.5}")).isFalse(); // integer
        assertThat(accepts(s, "{\"name\": \"bob\", \"age\": 151}")).isFalse(); // maximum
        assertThat(accepts(s, "{\"name\": \"bob\", \"age\": -1}")).isFalse(); // minimum
        assertThat(accepts(s, "[\"bob\"]")).isFalse(); // type
    }

    @Test
    void arrayEnumConstAndBooleanSchemas() {
        String s = "{\"type\": \"array\", \"minItems\": 1, \"maxItems\": 2, \"items\": {\"enum\": [1, \"x\", null]}}";
        assertThat(accepts(s, "[1.0, null]")).isTrue(); // enum compares numbers by value
        assertThat(accepts(s, "[]")).isFalse();
        assertThat(accepts(s, "[1, 1, 1]")).isFalse();
        assertThat(accepts(s, "[2]")).isFalse();
        assertThat(accepts("{\"const\": {\"a\": [1, 2]}}", "{\"a\": [1, 2.0]}")).isTrue();
        assertThat(accepts("{\"const\": {\"a\": [1, 2]}}", "{\"a\": [2, 1]}")).isFalse();
        assertThat(accepts("{\"type\": [\"string\", \"null\"]}", "null")).isTrue();
        assertThat(accepts("{\"type\": [\"string\", \"null\"]}", "3")).isFalse();
        assertThat(accepts("true", "3")).isTrue();
        assertThat(accepts("false", "3")).isFalse();
        assertThat(accepts("{\"properties\": {\"a\": false}}", "{\"b\": 1}")).isTrue();
        assertThat(accepts("{\"properties\": {\"a\": false}}", "{\"a\": 1}")).isFalse();
    }

    @Test
    void unsupportedKeywordsAndBadSchemasAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> JsonSchema.compile("{\"properties\": {\"a\": {\"oneOf\": []}}}"))
                .isInstanceOf(JsonSchemaException.class).hasMessageContaining("#/properties/a/oneOf")
                .hasMessageContaining("unsupported keyword 'oneOf'");
        assertThatThrownBy(() -> JsonSchema.compile("{\"items\": [{}]}")).hasMessageContaining("#/items");
        assertThatThrownBy(() -> JsonSchema.compile("{\"type\": \"int\"}")).hasMessageContaining("unknown type 'int'");
        assertThatThrownBy(() -> JsonSchema.compile("{\"pattern\": \"(\"}")).hasMessageContaining("#/pattern");
        assertThatThrownBy(() -> JsonSchema.compile("{\"minLength\": -1}")).hasMessageContaining("#/minLength");
        assertThatThrownBy(() -> JsonSchema.compile("{nope")).hasMessageContaining("not valid JSON");
        // annotations are allowed
        assertThat(JsonSchema.compile("{\"$schema\": \"x\", \"title\": \"t\", \"description\": \"d\"}")).isNotNull();
    }
}
