package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.QuantFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused dot products {@code Σ_j W[row, j] · x[j]} of one Q4_0 / Q4_K / Q6_K row read in place against one
 * fp32 x row: the blocks are unpacked in registers (8 bytes loaded and sign-extended to 8 int lanes, nibbles
 * and bit pairs masked and shifted there, converted to float) and multiplied into x without ever being
 * stored, and the block scales are applied once per block or sub-block sum rather than per weight. This
 * replaces "decode the row into a float buffer, then dot it" for decode (one x row): the store, the reload
 * and the per-weight scale multiply went away (figures in docs/benchmarks/engine.md, session 5).
 *
 * <p>x stays fp32 and the weights are the reference's integers, so the result differs from "dequantise W,
 * then fp32 dot" only by rounding order: a block's sum is scaled once ({@code d · Σ q·x} rather than
 * {@code Σ (q·d)·x}), within the same length-K fp32 tolerance. Fixed 256-bit shapes (8 float lanes):
 * {@link #SUPPORTED} is false where the preferred vector is narrower (the caller then decodes into a buffer),
 * since 256-bit vectors are emulated, not intrinsified, on such machines. Each method is one plain loop
 * nest with no vector-returning helpers: C2 must keep every vector in a register (ADR 0008 on boxing).
 */
final class CpuQuantDot {

    /** True where 256-bit vectors are native (AVX2, AVX-512): the fused kernels are used. */
    static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            && Boolean.parseBoolean(System.getProperty("modelfactory.cpu.quant.fused", "true"));

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

    private CpuQuantDot() {
    }

    /** Row {@code row} of {@code w} against {@code x[xo .. xo + K)}. */
    static float dot(CpuMappedQuantWeight w, int row, float[] x, int xo) {
        java.util.Objects.checkIndex(row, w.n());
        java.util.Objects.checkFromIndexSize(xo, w.k(), x.length);
        int blocks = w.k() / w.format().block();
        long at = (long) row * blocks * w.format().blockBytes();
        return switch (w.format()) {
            case Q4_0 -> q4_0(w.blocks(), at, blocks, x, xo);
            case Q4_K -> q4_K(w.blocks(), at, blocks, x, xo);
            case Q6_K -> q6_K(w.blocks(), at, blocks, x, xo);
        };
    }

    /**
     * Q4_0: per 18-byte block, 16 bytes as two 8-lane loads; low nibbles are weights 0..15, high nibbles
     * 16..31. {@code (v & 15) - 8} and {@code (v >> 4) ^ -8} (the sign-extended high nibble with its top bit
     * flipped is exactly {@code hi - 8}) give the centred values; the block's sum is scaled by d once.
     */
    static float q4_0(MemorySegment q, long at, int blocks, float[] x, int xo) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        int b = 0;
        for (; b + 1 < blocks; b += 2, at += 36, xo += 64) {
            IntVector a0 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 2, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector a1 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 10, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector c0 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 20, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector c1 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 28, LE).convertShape(VectorOperators.B2I, I, 0);
            FloatVector s0 = ((FloatVector) a0.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, xo));
            FloatVector t0 = ((FloatVector) a0.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xo + 16));
            FloatVector s1 = ((FloatVector) c0.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, xo + 32));
            FloatVector t1 = ((FloatVector) c0.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xo + 48));
            s0 = ((FloatVector) a1.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, xo + 8), s0);
            t0 = ((FloatVector) a1.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xo + 24), t0);
            s1 = ((FloatVector) c1.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, xo + 40), s1);
            t1 = ((FloatVector) c1.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xo + 56), t1);
            acc0 = s0.add(t0).fma(FloatVector.broadcast(F, Float.float16ToFloat(q.get(HALF, at))), acc0);
            acc1 = s1.add(t1).fma(FloatVector.broadcast(F, Float.float16ToFloat(q.get(HALF, at + 18))), acc1);
        }
        if (b < blocks) {
            IntVector a0 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 2, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector a1 = (IntVector) ByteVector.fromMemorySegment(B, q, at + 10, LE).convertShape(VectorOperators.B2I, I, 0);
            FloatVector s0 = ((FloatVector) a0.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, xo));
            FloatVector t0 = ((FloatVector) a0.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x, xo + 16));
            s0 = ((FloatVector) a1.and(15).sub(8).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, xo + 8), s0);
            t0 = ((FloatVector) a1.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, -8)
                    .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, xo + 24), t0);
            acc0 = s0.add(t0).fma(FloatVector.broadcast(F, Float.float16ToFloat(q.get(HALF, at))), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Q4_K: per 64 weights (group g: 32 bytes of qs), sub-block 2g is the low nibbles and 2g + 1 the high
     * ones, each with its 6-bit scale and min: {@code Σ (d·sc·q - dmin·m)·x}, the weight formed by one FMA
     * per 8 lanes ({@code q·(d·sc) - dmin·m}) and multiplied into 4 accumulator chains.
     */
    static float q4_K(MemorySegment q, long at, int blocks, float[] x, int xo) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        for (int blk = 0; blk < blocks; blk++, at += 144, xo += 256) {
            float d = Float.float16ToFloat(q.get(HALF, at));
            float dmin = Float.float16ToFloat(q.get(HALF, at + 2));
            long s0 = q.get(I32, at + 4) & 0xFFFFFFFFL;
            long s1 = q.get(I32, at + 8) & 0xFFFFFFFFL;
            long s2 = q.get(I32, at + 12) & 0xFFFFFFFFL;
            for (int g = 0; g < 4; g++) {
                FloatVector d1 = FloatVector.broadcast(F, d * CpuQuantDecode.sub(s0, s1, s2, 2 * g, false));
                FloatVector m1 = FloatVector.broadcast(F, -dmin * CpuQuantDecode.sub(s0, s1, s2, 2 * g, true));
                FloatVector d2 = FloatVector.broadcast(F, d * CpuQuantDecode.sub(s0, s1, s2, 2 * g + 1, false));
                FloatVector m2 = FloatVector.broadcast(F, -dmin * CpuQuantDecode.sub(s0, s1, s2, 2 * g + 1, true));
                long qs = at + 16 + 32L * g;
                int o = xo + 64 * g;
                for (int j = 0; j < 32; j += 16) {
                    IntVector v0 = (IntVector) ByteVector.fromMemorySegment(B, q, qs + j, LE)
                            .convertShape(VectorOperators.B2I, I, 0);
                    IntVector v1 = (IntVector) ByteVector.fromMemorySegment(B, q, qs + j + 8, LE)
                            .convertShape(VectorOperators.B2I, I, 0);
                    acc0 = ((FloatVector) v0.and(15).convert(VectorOperators.I2F, 0)).fma(d1, m1)
                            .fma(FloatVector.fromArray(F, x, o + j), acc0);
                    acc1 = ((FloatVector) v1.and(15).convert(VectorOperators.I2F, 0)).fma(d1, m1)
                            .fma(FloatVector.fromArray(F, x, o + j + 8), acc1);
                    acc2 = ((FloatVector) v0.lanewise(VectorOperators.ASHR, 4).and(15).convert(VectorOperators.I2F, 0))
                            .fma(d2, m2).fma(FloatVector.fromArray(F, x, o + j + 32), acc2);
                    acc3 = ((FloatVector) v1.lanewise(VectorOperators.ASHR, 4).and(15).convert(VectorOperators.I2F, 0))
                            .fma(d2, m2).fma(FloatVector.fromArray(F, x, o + j + 40), acc3);
                }
            }
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Q6_K: per half (128 weights) and per 16 columns l, four groups of 16 weights (l, l+32, l+64, l+96),
     * each with its own int8 scale: their 6-bit values (a nibble of ql, a bit pair of qh, minus 32) are dotted
     * with x over 2 x 8 lanes, and each group's sum is scaled by {@code d · scale} once, on 4 chains.
     */
    static float q6_K(MemorySegment q, long at, int blocks, float[] x, int xo) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        for (int blk = 0; blk < blocks; blk++, at += 210, xo += 256) {
            float d = Float.float16ToFloat(q.get(HALF, at + 208));
            for (int n = 0; n < 2; n++) {
                long ql = at + 64L * n;
                long qh = at + 128 + 32L * n;
                long sc = q.get(I64, at + 192 + 8L * n);
                int o = xo + 128 * n;
                for (int l = 0; l < 32; l += 16) {
                    int is = l / 16;
                    FloatVector g0 = FloatVector.zero(F);
                    FloatVector g1 = g0;
                    FloatVector g2 = g0;
                    FloatVector g3 = g0;
                    for (int h8 = 0; h8 < 16; h8 += 8) {
                        int c = l + h8;
                        IntVector a = (IntVector) ByteVector.fromMemorySegment(B, q, ql + c, LE)
                                .convertShape(VectorOperators.B2I, I, 0);
                        IntVector b = (IntVector) ByteVector.fromMemorySegment(B, q, ql + c + 32, LE)
                                .convertShape(VectorOperators.B2I, I, 0);
                        IntVector h = (IntVector) ByteVector.fromMemorySegment(B, q, qh + c, LE)
                                .convertShape(VectorOperators.B2I, I, 0);
                        g0 = ((FloatVector) a.and(0x0F).or(h.and(3).lanewise(VectorOperators.LSHL, 4)).sub(32)
                                .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, o + c), g0);
                        g1 = ((FloatVector) b.and(0x0F).or(h.and(0x0C).lanewise(VectorOperators.LSHL, 2)).sub(32)
                                .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, o + c + 32), g1);
                        g2 = ((FloatVector) a.lanewise(VectorOperators.ASHR, 4).and(0x0F).or(h.and(0x30)).sub(32)
                                .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, o + c + 64), g2);
                        g3 = ((FloatVector) b.lanewise(VectorOperators.ASHR, 4).and(0x0F)
                                .or(h.lanewise(VectorOperators.ASHR, 2).and(0x30)).sub(32)
                                .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(F, x, o + c + 96), g3);
                    }
                    acc0 = g0.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 8 * is)), acc0);
                    acc1 = g1.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 8 * (is + 2))), acc1);
                    acc2 = g2.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 8 * (is + 4))), acc2);
                    acc3 = g3.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 8 * (is + 6))), acc3);
                }
            }
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
}
