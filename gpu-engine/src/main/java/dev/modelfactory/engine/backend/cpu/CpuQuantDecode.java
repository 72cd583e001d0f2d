package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import dev.modelfactory.engine.backend.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector decoding of Q4_0 / Q4_K / Q6_K blocks ({@link QuantFormat} gives the layouts) from a segment into
 * fp32: bytes are loaded 8 or 16 at once, sign-extended to int lanes (one float vector wide), where nibbles
 * and bit pairs are masked and shifted with native instructions, then converted to float and scaled; Q6_K,
 * where 256-bit vectors are native, is assembled as int8 in byte lanes first ({@link CpuQuantDot#q6Bytes},
 * 3.2x faster). Every value is the same float operations as the scalar reference {@link QuantFormat#decodeBlock}
 * (an exact int-to-float conversion, then the same multiply / subtract, no FMA), so the result is bit for
 * bit the reference's: the kernels then differ from "dequantise, then fp32 matmul" only in summation order.
 * One method per format, each a plain loop (C2 must inline the vector code; see ADR 0008 on boxing).
 */
final class CpuQuantDecode {

    /** Byte lanes per load: enough to fill one float vector, at least 8 (the smallest byte shape), at most 16. */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    private static final int BL = B.length();
    /** Float vectors per byte load. */
    private static final int PARTS = BL / L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Int lanes of the float vector's shape: nibbles and bit pairs are unpacked in 32-bit lanes (x86 has no byte shifts). */
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
    /** Fixed 256-bit shapes for the byte-lane Q6_K path (used only where {@link CpuQuantDot#SUPPORTED}). */
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;

    static {
        if (BL > 16) {
            throw new ExceptionInInitializerError("quantised kernels expect at most 16 float lanes, have " + L);
        }
    }

    private CpuQuantDecode() {
    }

    /**
     * Decodes {@code count} consecutive blocks starting at byte {@code at} of {@code q} into
     * {@code dst[off .. off + count · block)}. The caller has checked the bounds against the tensor's size;
     * the segment still checks every access.
     */
    static void decode(QuantFormat f, MemorySegment q, long at, int count, float[] dst, int off) {
        switch (f) {
            case Q4_0 -> q4_0(q, at, count, dst, off);
            case Q4_K -> q4_K(q, at, count, dst, off);
            case Q6_K -> q6_K(q, at, count, dst, off);
        }
    }

    private static void q4_0(MemorySegment q, long at, int count, float[] dst, int off) {
        for (int blk = 0; blk < count; blk++, at += 18, off += 32) {
            float d = QuantFormat.half(q, at);
            for (int j = 0; j < 16; j += BL) {
                ByteVector v = ByteVector.fromMemorySegment(B, q, at + 2 + j, LE);
                for (int p = 0; p < PARTS; p++) {
                    IntVector i = (IntVector) v.convertShape(VectorOperators.B2I, I, p);
                    int y = off + j + p * L;
                    lanes(i.and(0x0F).sub(8)).mul(d).intoArray(dst, y);
                    lanes(i.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(8)).mul(d).intoArray(dst, y + 16);
                }
            }
        }
    }

    private static void q4_K(MemorySegment q, long at, int count, float[] dst, int off) {
        for (int blk = 0; blk < count; blk++, at += 144, off += 256) {
            float d = QuantFormat.half(q, at);
            float dmin = QuantFormat.half(q, at + 2);
            // The 12 scale bytes as three little-endian ints, unpacked here rather than byte by byte.
            long s0 = q.get(I32, at + 4) & 0xFFFFFFFFL;
            long s1 = q.get(I32, at + 8) & 0xFFFFFFFFL;
            long s2 = q.get(I32, at + 12) & 0xFFFFFFFFL;
            for (int g = 0; g < 4; g++) {
                int sc1 = sub(s0, s1, s2, 2 * g, false);
                int sc2 = sub(s0, s1, s2, 2 * g + 1, false);
                float d1 = d * sc1;
                float m1 = dmin * sub(s0, s1, s2, 2 * g, true);
                float d2 = d * sc2;
                float m2 = dmin * sub(s0, s1, s2, 2 * g + 1, true);
                long qs = at + 16 + 32L * g;
                int o = off + 64 * g;
                for (int j = 0; j < 32; j += BL) {
                    ByteVector v = ByteVector.fromMemorySegment(B, q, qs + j, LE);
                    for (int p = 0; p < PARTS; p++) {
                        IntVector i = (IntVector) v.convertShape(VectorOperators.B2I, I, p);
                        int y = o + j + p * L;
                        lanes(i.and(0x0F)).mul(d1).sub(m1).intoArray(dst, y);
                        lanes(i.lanewise(VectorOperators.ASHR, 4).and(0x0F)).mul(d2).sub(m2).intoArray(dst, y + 32);
                    }
                }
            }
        }
    }

    /**
     * Q4_K's 6-bit scale (or, with {@code min}, min) of sub-block j from the 12 scale bytes held as ints
     * s0 (bytes 0..3), s1 (4..7), s2 (8..11): {@link QuantFormat#scaleMinK4}'s rule.
     */
    private static int sub(long s0, long s1, long s2, int j, boolean min) {
        if (j < 4) {
            return (int) ((min ? s1 : s0) >>> (8 * j)) & 63;
        }
        int lo = (int) (s2 >>> (8 * (j - 4))) & 0xFF;
        int top = (int) ((min ? s1 : s0) >>> (8 * (j - 4) + 6)) & 3;
        return (min ? lo >>> 4 : lo & 0x0F) | top << 4;
    }

    private static void q6_K(MemorySegment q, long at, int count, float[] dst, int off) {
        if (CpuQuantDot.SUPPORTED) {
            q6_KBytes(q, at, count, dst, off);
        } else {
            q6_KInts(q, at, count, dst, off);
        }
    }

    /** Q6_K in int lanes of the preferred float width (any machine); package-private for tests. */
    static void q6_KInts(MemorySegment q, long at, int count, float[] dst, int off) {
        for (int blk = 0; blk < count; blk++, at += 210, off += 256) {
            float d = QuantFormat.half(q, at + 208);
            q6Half(q, at, at + 128, q.get(I64, at + 192), d, dst, off);
            q6Half(q, at + 64, at + 160, q.get(I64, at + 200), d, dst, off + 128);
        }
    }

    /**
     * Q6_K where 256-bit vectors are native: each half's values assembled as int8 in byte lanes
     * ({@link CpuQuantDot#q6Bytes}, ~4x fewer operations than in int lanes), then widened 8 at a time and
     * scaled by {@code d · scale} (the reference's float operations, so still bit-exact).
     */
    static void q6_KBytes(MemorySegment q, long at, int count, float[] dst, int off) {
        byte[] scratch = new byte[128];
        for (int hf = 0; hf < 2 * count; hf++) {
            long bAt = at + 210L * (hf >>> 1);
            float d = QuantFormat.half(q, bAt + 208);
            CpuQuantDot.q6Bytes(q, bAt, hf & 1, scratch);
            long sc = q.get(I64, bAt + 192 + 8L * (hf & 1));
            int o = off + 128 * hf;
            for (int c = 0; c < 128; c += 16, sc >>>= 8) {
                FloatVector s = FloatVector.broadcast(F8, d * (byte) sc);
                ((FloatVector) ByteVector.fromArray(B8, scratch, c).convertShape(VectorOperators.B2F, F8, 0)).mul(s)
                        .intoArray(dst, o + c);
                ((FloatVector) ByteVector.fromArray(B8, scratch, c + 8).convertShape(VectorOperators.B2F, F8, 0)).mul(s)
                        .intoArray(dst, o + c + 8);
            }
        }
    }

    /**
     * One half (128 weights) of a Q6_K block: low bits at {@code ql}, high bits at {@code qh}, its 8 int8
     * scales in {@code sc}. A method of its own (only scalars cross the call): measured ~1.2x faster than one
     * method decoding both halves, and the 8 scales come from one long read instead of 4 byte reads per pass.
     */
    private static void q6Half(MemorySegment q, long ql, long qh, long sc, float d, float[] dst, int o) {
        for (int l = 0; l < 32; l += BL) {
            int is = l / 16; // constant across the BL (8 or 16) lanes
            float s1 = d * (byte) (sc >>> 8 * is);
            float s2 = d * (byte) (sc >>> 8 * (is + 2));
            float s3 = d * (byte) (sc >>> 8 * (is + 4));
            float s4 = d * (byte) (sc >>> 8 * (is + 6));
            ByteVector av = ByteVector.fromMemorySegment(B, q, ql + l, LE);
            ByteVector bv = ByteVector.fromMemorySegment(B, q, ql + l + 32, LE);
            ByteVector hv = ByteVector.fromMemorySegment(B, q, qh + l, LE);
            for (int p = 0; p < PARTS; p++) {
                // Sign-extended bytes: a mask after each shift keeps only the bits wanted.
                IntVector a = (IntVector) av.convertShape(VectorOperators.B2I, I, p);
                IntVector b = (IntVector) bv.convertShape(VectorOperators.B2I, I, p);
                IntVector h = (IntVector) hv.convertShape(VectorOperators.B2I, I, p);
                int y = o + l + p * L;
                lanes(a.and(0x0F).or(h.and(3).lanewise(VectorOperators.LSHL, 4)).sub(32)).mul(s1).intoArray(dst, y);
                lanes(b.and(0x0F).or(h.and(0x0C).lanewise(VectorOperators.LSHL, 2)).sub(32)).mul(s2)
                        .intoArray(dst, y + 32);
                lanes(a.lanewise(VectorOperators.ASHR, 4).and(0x0F).or(h.and(0x30)).sub(32)).mul(s3)
                        .intoArray(dst, y + 64);
                lanes(b.lanewise(VectorOperators.ASHR, 4).and(0x0F).or(h.lanewise(VectorOperators.ASHR, 2).and(0x30))
                        .sub(32)).mul(s4).intoArray(dst, y + 96);
            }
        }
    }

    /** Int lanes to float lanes (exact for these small values). */
    private static FloatVector lanes(IntVector i) {
        return (FloatVector) i.convert(VectorOperators.I2F, 0);
    }
}
