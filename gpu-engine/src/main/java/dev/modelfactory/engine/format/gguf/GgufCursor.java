package dev.modelfactory.engine.format.gguf;

import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A little-endian read position over a segment that checks every read against the end first, so a lying
 * header becomes a {@link ModelFormatException} naming the offset, never an out-of-bounds access.
 */
final class GgufCursor {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final String source;
    private long position;

    GgufCursor(MemorySegment segment, String source) {
        this.segment = segment;
        this.source = source;
    }

    long position() {
        return position;
    }

    long remaining() {
        return segment.byteSize() - position;
    }

    String source() {
        return source;
    }

    ModelFormatException error(String what) {
        return ModelFormatException.at(source, position, what);
    }

    private void need(long bytes, String what) {
        if (bytes < 0 || bytes > remaining()) {
            throw error(what + " needs " + Long.toUnsignedString(bytes) + " bytes but only " + remaining()
                    + " remain in the file");
        }
    }

    int u8(String what) {
        need(1, what);
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, position++));
    }

    int u16(String what) {
        need(2, what);
        int v = Short.toUnsignedInt(segment.get(U16, position));
        position += 2;
        return v;
    }

    /** Unsigned 32-bit value as a long. */
    long u32(String what) {
        need(4, what);
        long v = Integer.toUnsignedLong(segment.get(U32, position));
        position += 4;
        return v;
    }

    /** Raw 64-bit value (callers that need it unsigned check for negative). */
    long u64(String what) {
        need(8, what);
        long v = segment.get(U64, position);
        position += 8;
        return v;
    }

    float f32(String what) {
        need(4, what);
        float v = segment.get(F32, position);
        position += 4;
        return v;
    }

    double f64(String what) {
        need(8, what);
        double v = segment.get(F64, position);
        position += 8;
        return v;
    }

    /**
     * A u64 count that is then multiplied by {@code minBytesEach}: refused when the elements could not fit in
     * what remains of the file, which caps every allocation by the file size.
     */
    int count(String what, int minBytesEach) {
        long start = position;
        long n = u64(what);
        if (n < 0 || (minBytesEach > 0 && n > remaining() / minBytesEach) || n > Integer.MAX_VALUE - 8) {
            position = start;
            throw error(what + " of " + Long.toUnsignedString(n) + " exceeds what the remaining "
                    + remaining() + " bytes of the file can hold");
        }
        return (int) n;
    }

    /**
     * A GGUF string: u64 byte length then UTF-8 bytes (no terminator). Decoded leniently (replacement
     * characters) because llama.cpp does not validate token text either and real vocabularies carry odd bytes.
     */
    String string(String what) {
        int length = count(what + " length", 1);
        byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, bytes, 0, length);
        position += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void seek(long newPosition) {
        if (newPosition < 0 || newPosition > segment.byteSize()) {
            throw error("offset " + newPosition + " is outside the file of " + segment.byteSize() + " bytes");
        }
        position = newPosition;
    }
}
