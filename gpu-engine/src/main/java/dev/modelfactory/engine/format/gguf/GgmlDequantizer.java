package dev.modelfactory.engine.format.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * ggml element data to float32, bit-for-bit as ggml's reference {@code dequantize_row_*} produce it.
 * Plain types are converted directly; block types are copied one block at a time into a small array and
 * decoded by {@link LegacyQuants} (32-element blocks) or {@link KQuants} (256-element super-blocks).
 */
public final class GgmlDequantizer {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GgmlDequantizer() {
    }

    /**
     * Decodes {@code elements} elements (a whole number of blocks) from {@code src} at byte
     * {@code srcOffset} into {@code dst[dstOffset ..]}.
     */
    public static void dequantize(GgmlType type, MemorySegment src, long srcOffset, float[] dst, int dstOffset,
                                  int elements) {
        if (!type.isFloatConvertible()) {
            throw new UnsupportedOperationException(type + " holds integers, not weights");
        }
        if (elements % type.blockSize() != 0) {
            throw new IllegalArgumentException(elements + " is not a whole number of " + type + " blocks");
        }
        java.util.Objects.checkFromIndexSize(dstOffset, elements, dst.length);
        java.util.Objects.checkFromIndexSize(srcOffset, type.byteSize(elements), src.byteSize());
        switch (type) {
            case F32 -> MemorySegment.copy(src, F32, srcOffset, dst, dstOffset, elements);
            case F16 -> {
                for (int i = 0; i < elements; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(src.get(I16, srcOffset + 2L * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < elements; i++) {
                    dst[dstOffset + i] = bf16ToFloat(src.get(I16, srcOffset + 2L * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < elements; i++) {
                    dst[dstOffset + i] = (float) src.get(F64, srcOffset + 8L * i);
                }
            }
            default -> blocks(type, src, srcOffset, dst, dstOffset, elements);
        }
    }

    /** bfloat16 is the top half of a float32. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    private static void blocks(GgmlType type, MemorySegment src, long srcOffset, float[] dst, int dstOffset,
                               int elements) {
        byte[] block = new byte[type.typeSize()];
        int blocks = elements / type.blockSize();
        for (int b = 0; b < blocks; b++) {
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset + (long) b * type.typeSize(), block, 0,
                    block.length);
            int y = dstOffset + b * type.blockSize();
            switch (type) {
                case Q4_0 -> LegacyQuants.q4_0(block, dst, y);
                case Q4_1 -> LegacyQuants.q4_1(block, dst, y);
                case Q5_0 -> LegacyQuants.q5_0(block, dst, y);
                case Q5_1 -> LegacyQuants.q5_1(block, dst, y);
                case Q8_0 -> LegacyQuants.q8_0(block, dst, y);
                case Q8_1 -> LegacyQuants.q8_1(block, dst, y);
                case Q2_K -> KQuants.q2_K(block, dst, y);
                case Q3_K -> KQuants.q3_K(block, dst, y);
                case Q4_K -> KQuants.q4_K(block, dst, y);
                case Q5_K -> KQuants.q5_K(block, dst, y);
                case Q6_K -> KQuants.q6_K(block, dst, y);
                case Q8_K -> KQuants.q8_K(block, dst, y);
                default -> throw new UnsupportedOperationException("no dequantiser for " + type);
            }
        }
    }

    /** Little-endian fp16 at {@code b[at]} as float. */
    static float half(byte[] b, int at) {
        return Float.float16ToFloat((short) ((b[at] & 0xFF) | (b[at + 1] << 8)));
    }
}
