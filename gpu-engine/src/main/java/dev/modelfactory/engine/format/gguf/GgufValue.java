package dev.modelfactory.engine.format.gguf;

import java.util.Objects;

/**
 * One metadata value with its declared type. {@code value} is a {@code Long} for every integer type
 * (unsigned zero-extended), {@code Float}, {@code Double}, {@code Boolean}, {@code String} or {@link GgufArray}.
 */
public record GgufValue(GgufValueType type, Object value) {

    public GgufValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public boolean isNumber() {
        return value instanceof Number;
    }

    public long asLong() {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("not an integer: " + type);
    }

    /** Any number as a double; a float32 goes through its shortest decimal form, so 1e-5f reads as 1.0E-5. */
    public double asDouble() {
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("not a number: " + type);
    }

    public String asString() {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalStateException("not a string: " + type);
    }

    public boolean asBoolean() {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("not a bool: " + type);
    }

    public GgufArray asArray() {
        if (value instanceof GgufArray a) {
            return a;
        }
        throw new IllegalStateException("not an array: " + type);
    }

    @Override
    public String toString() {
        if (value instanceof GgufArray a) {
            return "array<" + a.elementType() + ">[" + a.length() + "]";
        }
        return String.valueOf(value);
    }
}
