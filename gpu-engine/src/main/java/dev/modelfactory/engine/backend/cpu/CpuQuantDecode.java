package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import dev.modelfactory.engine.backend.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector decoding of Q4_0 / Q4_K / Q6_K blocks ({@link QuantFormat} gives the layouts) from a segment into
 * fp32: nibbles and bit pairs are unpacked in byte lanes (8 or 16 at once), widened to float lanes and
 * scaled. Every value is the same float operations as the scalar reference {@link QuantFormat#decodeBlock}
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
                ByteVector lo = v.and((byte) 0x0F).sub((byte) 8);
                ByteVector hi = v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8);
                for (int p = 0; p < PARTS; p++) {
                    ((FloatVector) lo.convertShape(VectorOperators.B2F, S, p)).mul(d).intoArray(dst, off + j + p * L);
                    ((FloatVector) hi.convertShape(VectorOperators.B2F, S, p)).mul(d)
                            .intoArray(dst, off + 16 + j + p * L);
                }
            }
        }
    }

    private static void q4_K(MemorySegment q, long at, int count, float[] dst, int off) {
        for (int blk = 0; blk < count; blk++, at += 144, off += 256) {
            float d = QuantFormat.half(q, at);
            float dmin = QuantFormat.half(q, at + 2);
            for (int g = 0; g < 4; g++) {
                int sm1 = QuantFormat.scaleMinK4(q, at + 4, 2 * g);
                int sm2 = QuantFormat.scaleMinK4(q, at + 4, 2 * g + 1);
                float d1 = d * (sm1 & 0xFF);
                float m1 = dmin * (sm1 >>> 8);
                float d2 = d * (sm2 & 0xFF);
                float m2 = dmin * (sm2 >>> 8);
                long qs = at + 16 + 32L * g;
                int o = off + 64 * g;
                for (int j = 0; j < 32; j += BL) {
                    ByteVector v = ByteVector.fromMemorySegment(B, q, qs + j, LE);
                    ByteVector lo = v.and((byte) 0x0F);
                    ByteVector hi = v.lanewise(VectorOperators.LSHR, 4);
                    for (int p = 0; p < PARTS; p++) {
                        ((FloatVector) lo.convertShape(VectorOperators.B2F, S, p)).mul(d1).sub(m1)
                                .intoArray(dst, o + j + p * L);
                        ((FloatVector) hi.convertShape(VectorOperators.B2F, S, p)).mul(d2).sub(m2)
                                .intoArray(dst, o + 32 + j + p * L);
                    }
                }
            }
        }
    }

    private static void q6_K(MemorySegment q, long at, int count, float[] dst, int off) {
        for (int blk = 0; blk < count; blk++, at += 210, off += 256) {
            float d = QuantFormat.half(q, at + 208);
            for (int n = 0; n < 2; n++) {
                long ql = at + 64L * n;
                long qh = at + 128 + 32L * n;
                long sc = at + 192 + 8L * n;
                int o = off + 128 * n;
                for (int l = 0; l < 32; l += BL) {
                    int is = l / 16; // constant across the BL (8 or 16) lanes
                    float s1 = d * q.get(ValueLayout.JAVA_BYTE, sc + is);
                    float s2 = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 2);
                    float s3 = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 4);
                    float s4 = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 6);
                    ByteVector a = ByteVector.fromMemorySegment(B, q, ql + l, LE);
                    ByteVector b = ByteVector.fromMemorySegment(B, q, ql + l + 32, LE);
                    ByteVector h = ByteVector.fromMemorySegment(B, q, qh + l, LE);
                    ByteVector q1 = a.and((byte) 0x0F).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4))
                            .sub((byte) 32);
                    ByteVector q2 = b.and((byte) 0x0F)
                            .or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4))
                            .sub((byte) 32);
                    ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4)
                            .or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4))
                            .sub((byte) 32);
                    ByteVector q4 = b.lanewise(VectorOperators.LSHR, 4)
                            .or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4))
                            .sub((byte) 32);
                    for (int p = 0; p < PARTS; p++) {
                        int y = o + l + p * L;
                        ((FloatVector) q1.convertShape(VectorOperators.B2F, S, p)).mul(s1).intoArray(dst, y);
                        ((FloatVector) q2.convertShape(VectorOperators.B2F, S, p)).mul(s2).intoArray(dst, y + 32);
                        ((FloatVector) q3.convertShape(VectorOperators.B2F, S, p)).mul(s3).intoArray(dst, y + 64);
                        ((FloatVector) q4.convertShape(VectorOperators.B2F, S, p)).mul(s4).intoArray(dst, y + 96);
                    }
                }
            }
        }
    }
}
