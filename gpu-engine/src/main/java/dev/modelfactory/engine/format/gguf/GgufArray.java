package dev.modelfactory.engine.format.gguf;

import java.util.Objects;

/**
 * A GGUF array value. {@code values} holds a primitive array matching the element type, to keep large
 * vocabularies compact: {@code long[]} for every integer type (unsigned values zero-extended; a u64 above
 * Long.MAX_VALUE stays as its two's-complement bits), {@code float[]} for FLOAT32, {@code double[]} for
 * FLOAT64, {@code boolean[]}, {@code String[]}, or {@code GgufArray[]} for nested arrays.
 */
public record GgufArray(GgufValueType elementType, Object values) {

    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(values, "values");
    }

    public int length() {
        return java.lang.reflect.Array.getLength(values);
    }
}
