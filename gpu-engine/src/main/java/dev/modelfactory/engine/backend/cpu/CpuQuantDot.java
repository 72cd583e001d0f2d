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
 * Fused dot products {@code Σ_j W[row, j] · x[j]} of Q4_0 / Q4_K / Q6_K rows read in place against one fp32
 * x row, the decode (one-token) GEMV of {@link CpuMappedQuantMatmul}. No fp32 row buffer: blocks are
 * unpacked in registers and multiplied into x, and scales are applied once per block or sub-block sum
 * instead of once per weight:
 * <ul>
 * <li>Q4_0: 8 bytes sign-extended to 8 int lanes, nibbles masked and shifted there, centred, converted,
 *     FMA with x; {@code d · Σ (q - 8)·x} per block;</li>
 * <li>Q4_K: zero-extended bytes, {@code d·sc · Σ q·x - dmin·m · Σ x} per 32-weight sub-block (ggml's
 *     algebra), Σ x per 32 columns computed once per x row ({@link #sums32});</li>
 * <li>Q6_K: the 6-bit values assembled as int8 in 256-bit byte lanes ({@link #q6Bytes}: 32 weights per
 *     instruction rather than 8), kept in a 128-byte L1 scratch, then dotted as Q8_0 is.</li>
 * </ul>
 * Measured on the 2-core AVX2 dev VM (2048 x 2048 matvec, one thread, CPU time; {@code QuantGemvBench}):
 * 4.6 / 3.4 / 1.5 G weights/s with the buffer, 9.6 / 7.8 / 6.0 fused (Q4_0 / Q4_K / Q6_K).
 *
 * <p>x stays fp32 and W's integers and scales are the reference's, so the result equals "dequantise W, then
 * fp32 dot" up to rounding: a block's sum is scaled once ({@code d · Σ q·x} rather than {@code Σ (q·d)·x})
 * and Q4_K's min term is subtracted per sub-block; the contract tests' length-K fp32 tolerance holds. A
 * llama.cpp-style integer path (x quantised to int8 per 32, int16 products) measured 1.25x faster than the
 * fused Q4_0 here but changes results by x's quantisation error (ADR 0008 addendum), so it is not used.
 *
 * <p>Fixed 256-bit shapes (8 float lanes): {@link #SUPPORTED} is false where the preferred vector is
 * narrower, where 256-bit vectors would be emulated, not intrinsified (the caller then decodes into a
 * buffer with {@link CpuQuantDecode}). Each kernel is one flat loop (over blocks, groups or halves, never
 * blocks x groups: C2 then hoists the x range checks, 1.4x for Q4_K) with no vector-returning helpers, so
 * C2 keeps every vector in a register (ADR 0008 on boxing).
 */
final class CpuQuantDot {

    /**
     * True where 256-bit vectors are native (AVX2, AVX-512): the fused kernels and the byte-lane Q6_K decoder
     * are used. {@code -Dmodelfactory.cpu.quant.fused=false} turns both off (the buffered kernels, for A/B
     * benchmarks in one build).
     */
    static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            && Boolean.parseBoolean(System.getProperty("modelfactory.cpu.quant.fused", "true"));

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

    private CpuQuantDot() {
    }

    /**
     * Outputs {@code c[r] = W[r] · x[xo .. xo + K)} for rows [r0, r1); {@code xsum} is {@link #sums32} of
     * the same x (Q4_K's min term needs Σ x per sub-block; computed once per x row, not per W row).
     */
    static void rows(CpuMappedQuantWeight w, float[] x, int xo, float[] xsum, float[] c, int r0, int r1) {
        java.util.Objects.checkFromToIndex(r0, r1, w.n());
        java.util.Objects.checkFromIndexSize(xo, w.k(), x.length);
        java.util.Objects.checkFromIndexSize(0, w.k() / 32, xsum.length);
        MemorySegment q = w.blocks();
        int blocks = w.k() / w.format().block();
        long rowBytes = (long) blocks * w.format().blockBytes();
        switch (w.format()) {
            case Q4_0 -> {
                for (int r = r0; r < r1; r++) {
                    c[r] = q4_0(q, r * rowBytes, blocks, x, xo);
                }
            }
            case Q4_K -> {
                for (int r = r0; r < r1; r++) {
                    c[r] = q4_K(q, r * rowBytes, blocks, x, xo, xsum);
                }
            }
            case Q6_K -> {
                byte[] scratch = new byte[128];
                for (int r = r0; r < r1; r++) {
                    c[r] = q6_K(q, r * rowBytes, blocks, x, xo, scratch);
                }
            }
        }
    }

    /** Σ x over each 32 columns of {@code x[xo .. xo + k)} (k a multiple of 32). */
    static float[] sums32(float[] x, int xo, int k) {
        float[] s = new float[k / 32];
        for (int b = 0; b < s.length; b++) {
            s[b] = FloatVector.fromArray(F, x, xo + 32 * b).add(FloatVector.fromArray(F, x, xo + 32 * b + 8))
                    .add(FloatVector.fromArray(F, x, xo + 32 * b + 16).add(FloatVector.fromArray(F, x, xo + 32 * b + 24)))
                    .reduceLanes(VectorOperators.ADD);
        }
        return s;
    }

    /** Row {@code row} of {@code w} against {@code x[xo .. xo + K)} (tests; kernels go through {@link #rows}). */
    static float dot(CpuMappedQuantWeight w, int row, float[] x, int xo) {
        java.util.Objects.checkIndex(row, w.n());
        java.util.Objects.checkFromIndexSize(xo, w.k(), x.length);
        float[] c = new float[w.n()];
        rows(w, x, xo, sums32(x, xo, w.k()), c, row, row + 1);
        return c[row];
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
     * Q4_K: per 64 weights (group g of a super-block: 32 bytes of qs), sub-block 2g is the low nibbles and
     * 2g + 1 the high ones; each sub-block contributes {@code d·sc · Σ q·x - dmin·m · Σ x} (ggml's own
     * algebra), its Σ x from {@code xsum}. One flat loop over groups (not blocks x groups): C2 then removes
     * the x range checks, worth 1.4x here.
     */
    static float q4_K(MemorySegment q, long at, int blocks, float[] x, int xo, float[] xsum) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        float mins = 0;
        float d = 0;
        float dmin = 0;
        long scales = 0;
        long mn = 0;
        int groups = 4 * blocks;
        for (int gi = 0; gi < groups; gi++) {
            int g = gi & 3;
            long sbAt = at + 144L * (gi >>> 2);
            if (g == 0) {
                d = Float.float16ToFloat(q.get(HALF, sbAt));
                dmin = Float.float16ToFloat(q.get(HALF, sbAt + 2));
                scales = scalesK4(q, sbAt + 4, false);
                mn = scalesK4(q, sbAt + 4, true);
            }
            int sb = 2 * gi;
            long qs = sbAt + 16 + 32L * g;
            int o = xo + 64 * gi;
            IntVector v0 = (IntVector) ByteVector.fromMemorySegment(B, q, qs, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            IntVector v1 = (IntVector) ByteVector.fromMemorySegment(B, q, qs + 8, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            IntVector v2 = (IntVector) ByteVector.fromMemorySegment(B, q, qs + 16, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            IntVector v3 = (IntVector) ByteVector.fromMemorySegment(B, q, qs + 24, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            FloatVector lo0 = ((FloatVector) v0.and(15).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, o));
            FloatVector lo1 = ((FloatVector) v1.and(15).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 8));
            FloatVector hi0 = ((FloatVector) v0.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 32));
            FloatVector hi1 = ((FloatVector) v1.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 40));
            lo0 = ((FloatVector) v2.and(15).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 16), lo0);
            lo1 = ((FloatVector) v3.and(15).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 24), lo1);
            hi0 = ((FloatVector) v2.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 48), hi0);
            hi1 = ((FloatVector) v3.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 56), hi1);
            acc0 = lo0.add(lo1).fma(FloatVector.broadcast(F, d * (int) (scales & 0xFF)), acc0);
            acc1 = hi0.add(hi1).fma(FloatVector.broadcast(F, d * (int) ((scales >>> 8) & 0xFF)), acc1);
            mins += dmin * ((int) (mn & 0xFF) * xsum[sb] + (int) ((mn >>> 8) & 0xFF) * xsum[sb + 1]);
            scales >>>= 16;
            mn >>>= 16;
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - mins;
    }

    /**
     * Q6_K: per half (128 weights) the 6-bit values are assembled 32 at a time in byte lanes (a 16-bit shift
     * moves nibbles and bit pairs, a byte mask drops what crossed from the neighbour byte) into int8
     * {@code q - 32} in the 128-byte {@code scratch} (L1; 4 ops per 32 weights instead of 4 per 8 in int
     * lanes), then dotted as Q8_0 is: 8 bytes widened to floats, FMA with x, and each 16's sum scaled by
     * {@code d · scale} once. One flat loop over halves (x range checks hoisted).
     */
    static float q6_K(MemorySegment q, long at, int blocks, float[] x, int xo, byte[] scratch) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int halves = 2 * blocks;
        for (int hf = 0; hf < halves; hf++) {
            long bAt = at + 210L * (hf >>> 1);
            int n = hf & 1;
            float d = Float.float16ToFloat(q.get(HALF, bAt + 208));
            q6Bytes(q, bAt, n, scratch);
            long sc = q.get(I64, bAt + 192 + 8L * n);
            int o = xo + 128 * hf;
            FloatVector g0 = ((FloatVector) ByteVector.fromArray(B, scratch, 0).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 0));
            FloatVector g1 = ((FloatVector) ByteVector.fromArray(B, scratch, 16).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 16));
            FloatVector g2 = ((FloatVector) ByteVector.fromArray(B, scratch, 32).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 32));
            FloatVector g3 = ((FloatVector) ByteVector.fromArray(B, scratch, 48).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 48));
            g0 = ((FloatVector) ByteVector.fromArray(B, scratch, 8).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 8), g0);
            g1 = ((FloatVector) ByteVector.fromArray(B, scratch, 24).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 24), g1);
            g2 = ((FloatVector) ByteVector.fromArray(B, scratch, 40).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 40), g2);
            g3 = ((FloatVector) ByteVector.fromArray(B, scratch, 56).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 56), g3);
            acc0 = g0.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 0)), acc0);
            acc1 = g1.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 8)), acc1);
            acc2 = g2.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 16)), acc2);
            acc3 = g3.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 24)), acc3);
            g0 = ((FloatVector) ByteVector.fromArray(B, scratch, 64).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 64));
            g1 = ((FloatVector) ByteVector.fromArray(B, scratch, 80).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 80));
            g2 = ((FloatVector) ByteVector.fromArray(B, scratch, 96).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 96));
            g3 = ((FloatVector) ByteVector.fromArray(B, scratch, 112).convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.fromArray(F, x, o + 112));
            g0 = ((FloatVector) ByteVector.fromArray(B, scratch, 72).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 72), g0);
            g1 = ((FloatVector) ByteVector.fromArray(B, scratch, 88).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 88), g1);
            g2 = ((FloatVector) ByteVector.fromArray(B, scratch, 104).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 104), g2);
            g3 = ((FloatVector) ByteVector.fromArray(B, scratch, 120).convertShape(VectorOperators.B2F, F, 0))
                    .fma(FloatVector.fromArray(F, x, o + 120), g3);
            acc0 = g0.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 32)), acc0);
            acc1 = g1.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 40)), acc1);
            acc2 = g2.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 48)), acc2);
            acc3 = g3.fma(FloatVector.broadcast(F, d * (byte) (sc >>> 56)), acc3);
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Half {@code n} of the Q6_K block at {@code bAt} as 128 int8 values {@code q - 32} in {@code scratch}, in
     * weight order, assembled 32 at a time in byte lanes: a 16-bit shift moves nibbles and bit pairs, a byte
     * mask drops what crossed over from the neighbouring byte (x86 has no byte shifts). Only arrays and
     * scalars cross the call, so it costs a call, never a boxed vector.
     */
    static void q6Bytes(MemorySegment q, long bAt, int n, byte[] scratch) {
        ByteVector a0 = ByteVector.fromMemorySegment(B32, q, bAt + 64L * n, LE);
        ByteVector a1 = ByteVector.fromMemorySegment(B32, q, bAt + 64L * n + 32, LE);
        ByteVector h = ByteVector.fromMemorySegment(B32, q, bAt + 128 + 32L * n, LE);
        a0.and((byte) 0x0F).or(h.and((byte) 3).reinterpretAsShorts().lanewise(VectorOperators.LSHL, 4)
                .reinterpretAsBytes()).sub((byte) 32).intoArray(scratch, 0);
        a1.and((byte) 0x0F).or(h.and((byte) 0x0C).reinterpretAsShorts().lanewise(VectorOperators.LSHL, 2)
                .reinterpretAsBytes()).sub((byte) 32).intoArray(scratch, 32);
        a0.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F)
                .or(h.and((byte) 0x30)).sub((byte) 32).intoArray(scratch, 64);
        a1.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F)
                .or(h.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 2).reinterpretAsBytes().and((byte) 0x30))
                .sub((byte) 32).intoArray(scratch, 96);
    }

    /**
     * Q4_K's eight 6-bit scales (or, with {@code min}, mins) from the 12 bytes at {@code s}, byte j of the
     * result being sub-block j's ({@link QuantFormat#scaleMinK4}'s rule on whole words: sub-blocks 0..3 are
     * the low 6 bits of bytes 0..3 or 4..7, sub-blocks 4..7 a nibble of bytes 8..11 under the top 2 bits of
     * bytes 0..3 or 4..7).
     */
    static long scalesK4(MemorySegment q, long s, boolean min) {
        int w0 = q.get(I32, s);
        int w1 = q.get(I32, s + 4);
        int w2 = q.get(I32, s + 8);
        int top = min ? w1 : w0;
        int low = top & 0x3F3F3F3F;
        int high = ((min ? w2 >>> 4 : w2) & 0x0F0F0F0F) | ((top >>> 6) & 0x03030303) << 4;
        return (low & 0xFFFFFFFFL) | (long) high << 32;
    }
}
