package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One-row GEMV {@code x · Wᵀ} with W [N, K] as Q4_0 / Q4_K / Q6_K blocks in a mapped file, one thread, in G
 * weights/s of the thread's CPU time (best / median of rounds): the decode-a-row-into-a-buffer-then-dot
 * kernel ({@link CpuMappedQuantMatmul#perRow}) against the fused one ({@link CpuQuantDot}), and for Q4_0 an
 * experimental llama.cpp-style integer path (x quantised to int8 per 32, widened to int16 once per call;
 * int16 products, pair sums to int32, one float FMA per block) to decide which way to go; Q8_0 likewise (its
 * in-place and heap-copy kernels against the integer path). Run by hand:
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.modelfactory.engine.backend.cpu.QuantGemvBench [N K]</pre>
 */
public final class QuantGemvBench {

    private static final ThreadMXBean THREAD_TIME = ManagementFactory.getThreadMXBean();
    private static final VectorSpecies<Short> SH = ShortVector.SPECIES_256;
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private QuantGemvBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "0.3"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(Locale.ROOT, "%dx%d matvec, 1 thread, G weights/s best/median (CPU time)%n", n, k);
        try (CpuThreads pool = new CpuThreads(1); Arena arena = Arena.ofShared()) {
            float[] x = new float[k];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < k; i++) {
                x[i] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] c = new float[n];
            float[] c2 = new float[n];
            q8(pool, arena, n, k, x, seconds, rounds);
            for (QuantFormat f : QuantFormat.values()) {
                MemorySegment heap = MemorySegment.ofArray(randomBlocks(f, n * (k / f.block()), 11));
                CpuMappedQuantWeight w = new CpuMappedQuantWeight(f, mapped(arena, heap), n, k);
                Runnable buffered = () -> CpuMappedQuantMatmul.perRow(pool, x, w, c, 1);
                Runnable fused = () -> CpuMappedQuantMatmul.fused(pool, x, w, c2);
                Runnable[] ops = f == QuantFormat.Q4_0 ? new Runnable[] {buffered, fused, () -> int16Q4_0(w, x, c2)}
                        : new Runnable[] {buffered, fused};
                String[] names = {"buffered", "fused fp32", "int16 (x int8)"};
                double[][] g = new double[ops.length][rounds];
                for (int round = 0; round < rounds; round++) {
                    for (int o = 0; o < ops.length; o++) {
                        g[o][round] = rate((double) n * k, seconds, ops[o]);
                    }
                }
                for (int o = 0; o < ops.length; o++) {
                    Arrays.sort(g[o]);
                    System.out.printf(Locale.ROOT, "%-5s %-16s %6.2f / %6.2f%n", f, names[o], g[o][rounds - 1],
                            g[o][rounds / 2]);
                }
                ops[ops.length - 1].run();
                buffered.run();
                double maxDiff = 0;
                double maxAbs = 0;
                for (int i = 0; i < n; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(c[i] - c2[i]));
                    maxAbs = Math.max(maxAbs, Math.abs(c[i]));
                }
                System.out.printf(Locale.ROOT, "%-5s last kernel vs buffered: max |diff| %.3g (max |out| %.3g)%n", f,
                        maxDiff, maxAbs);
            }
        }
    }

    /** Q8_0 for comparison: the in-place kernel and the heap copy's (quants and fp32 scales split at load). */
    private static void q8(CpuThreads pool, Arena arena, int n, int k, float[] x, double seconds, int rounds) {
        byte[] raw = new byte[n * (k / 32) * 34];
        SplittableRandom r = new SplittableRandom(3);
        for (int at = 0; at < raw.length; at += 34) {
            putHalf(raw, at, (float) (r.nextDouble() / 127));
            for (int j = 0; j < 32; j++) {
                raw[at + 2 + j] = (byte) r.nextInt(256);
            }
        }
        MemorySegment heap = MemorySegment.ofArray(raw);
        CpuMappedQ8Weight mapped = new CpuMappedQ8Weight(mapped(arena, heap), n, k);
        CpuQ8Weight copied = new CpuQ8Weight(heap, n, k);
        float[] c = new float[n];
        short[] xq = new short[k];
        float[] xd = new float[k / 32];
        float[] c2 = new float[n];
        Runnable[] ops = {() -> CpuMappedQ8Matmul.matmul(pool, x, mapped, c, 1), () -> CpuQ8Matmul.matmul(pool, x, copied, c, 1),
            () -> int16Q8_0(mapped, x, xq, xd, c2)};
        String[] names = {"mapped", "heap copy", "int16 (x int8)"};
        double[][] g = new double[ops.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int o = 0; o < ops.length; o++) {
                g[o][round] = rate((double) n * k, seconds, ops[o]);
            }
        }
        for (int o = 0; o < ops.length; o++) {
            Arrays.sort(g[o]);
            System.out.printf(Locale.ROOT, "%-5s %-16s %6.2f / %6.2f%n", "Q8_0", names[o], g[o][rounds - 1], g[o][rounds / 2]);
        }
        ops[0].run();
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(c[i] - c2[i]));
            maxAbs = Math.max(maxAbs, Math.abs(c[i]));
        }
        System.out.printf(Locale.ROOT, "Q8_0  int16 vs mapped: max |diff| %.3g (max |out| %.3g)%n", maxDiff, maxAbs);
    }

    /**
     * The experimental integer path for Q8_0: x quantised to int8 per 32 and held as int16, a block's even
     * positions then its odd ones, so a W block loads as one 32-byte vector whose 16-bit lanes split into even
     * and odd quants by shifts (no lane-crossing widening); int16 products, pair sums to int32 by shifts.
     */
    private static void int16Q8_0(CpuMappedQ8Weight w, float[] x, short[] xq, float[] xd, float[] c) {
        quantiseX(x, xq, xd, true);
        MemorySegment q = w.blocks();
        for (int row = 0; row < w.n(); row++) {
            c[row] = rowEvenOdd(q, (long) row * xd.length * 34, xd.length, xq, xd);
        }
    }

    private static float rowEvenOdd(MemorySegment q, long at, int blocks, short[] xq, float[] xd) {
        FloatVector acc0 = FloatVector.zero(FloatVector.SPECIES_256);
        FloatVector acc1 = acc0;
        for (int b = 0; b < blocks; b++, at += 34) {
            ShortVector v = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, q, at + 2, ByteOrder.LITTLE_ENDIAN)
                    .reinterpretAsShorts();
            ShortVector p = v.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8)
                    .mul(ShortVector.fromArray(SH, xq, b * 32))
                    .add(v.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(SH, xq, b * 32 + 16)));
            IntVector pi = p.reinterpretAsInts();
            FloatVector s = (FloatVector) pi.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                    .add(pi.lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0);
            FloatVector d = FloatVector.broadcast(FloatVector.SPECIES_256, Float.float16ToFloat(q.get(HALF, at)) * xd[b]);
            if ((b & 1) == 0) {
                acc0 = s.fma(d, acc0);
            } else {
                acc1 = s.fma(d, acc1);
            }
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** The experimental integer path for Q4_0 (one thread, all rows). */
    private static void int16Q4_0(CpuMappedQuantWeight w, float[] x, float[] c) {
        int k = w.k();
        int blocks = k / 32;
        short[] xq = new short[k];
        float[] xd = new float[blocks];
        quantiseX(x, xq, xd, false);
        MemorySegment q = w.blocks();
        for (int row = 0; row < w.n(); row++) {
            c[row] = rowInt16(q, (long) row * blocks * 18, blocks, xq, xd);
        }
    }

    private static float rowInt16(MemorySegment q, long at, int blocks, short[] xq, float[] xd) {
        FloatVector acc0 = FloatVector.zero(FloatVector.SPECIES_256);
        FloatVector acc1 = acc0;
        int b = 0;
        for (; b + 1 < blocks; b += 2, at += 36) {
            ShortVector v0 = (ShortVector) ByteVector.fromMemorySegment(B128, q, at + 2, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2S, SH, 0);
            ShortVector v1 = (ShortVector) ByteVector.fromMemorySegment(B128, q, at + 20, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2S, SH, 0);
            int xo = b * 32;
            ShortVector p0 = v0.and((short) 15).sub((short) 8).mul(ShortVector.fromArray(SH, xq, xo))
                    .add(v0.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, (short) -8)
                            .mul(ShortVector.fromArray(SH, xq, xo + 16)));
            ShortVector p1 = v1.and((short) 15).sub((short) 8).mul(ShortVector.fromArray(SH, xq, xo + 32))
                    .add(v1.lanewise(VectorOperators.ASHR, 4).lanewise(VectorOperators.XOR, (short) -8)
                            .mul(ShortVector.fromArray(SH, xq, xo + 48)));
            IntVector i0 = p0.reinterpretAsInts();
            IntVector i1 = p1.reinterpretAsInts();
            IntVector s0 = i0.lanewise(VectorOperators.ASHR, 16)
                    .add(i0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            IntVector s1 = i1.lanewise(VectorOperators.ASHR, 16)
                    .add(i1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            acc0 = ((FloatVector) s0.convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.broadcast(FloatVector.SPECIES_256, Float.float16ToFloat(q.get(HALF, at)) * xd[b]), acc0);
            acc1 = ((FloatVector) s1.convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.broadcast(FloatVector.SPECIES_256, Float.float16ToFloat(q.get(HALF, at + 18)) * xd[b + 1]), acc1);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /**
     * x quantised to int8 per block of 32 (scale amax / 127 into {@code xd}), held as int16 in {@code xq}: in
     * order, or with {@code evenOdd} a block's even positions first, then its odd ones.
     */
    private static void quantiseX(float[] x, short[] xq, float[] xd, boolean evenOdd) {
        for (int b = 0; b < xd.length; b++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b * 32 + j]));
            }
            float d = amax / 127;
            float id = d == 0 ? 0 : 1 / d;
            xd[b] = d;
            for (int j = 0; j < 32; j++) {
                xq[b * 32 + (evenOdd ? j / 2 + (j % 2) * 16 : j)] = (short) Math.round(x[b * 32 + j] * id);
            }
        }
    }

    /** {@code bytes} written to a temporary file and mapped read-only, as the loader maps a model. */
    static MemorySegment mapped(Arena arena, MemorySegment bytes) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("quant-gemv-bench", ".bin");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(bytes.asByteBuffer());
                return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, bytes.byteSize(), arena);
            } finally {
                java.nio.file.Files.delete(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double rate(double weights, double seconds, Runnable op) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double best = 0;
        int runs = 0;
        do {
            long t0 = THREAD_TIME.getCurrentThreadCpuTime();
            op.run();
            best = Math.max(best, weights / (THREAD_TIME.getCurrentThreadCpuTime() - t0));
            runs++;
        } while (System.nanoTime() < end || runs < 2);
        return best;
    }

    /** Random blocks with small finite fp16 scales (the quants are any bits). */
    static byte[] randomBlocks(QuantFormat f, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] raw = new byte[count * f.blockBytes()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) r.nextInt(256);
        }
        for (int b = 0; b < count; b++) {
            int at = b * f.blockBytes();
            switch (f) {
                case Q4_0 -> putHalf(raw, at, (float) (r.nextDouble() / 8));
                case Q4_K -> {
                    putHalf(raw, at, (float) (r.nextDouble() / 64));
                    putHalf(raw, at + 2, (float) (r.nextDouble() / 64));
                }
                case Q6_K -> putHalf(raw, at + 208, (float) (r.nextDouble() / 1024));
            }
        }
        return raw;
    }

    private static void putHalf(byte[] b, int at, float v) {
        short h = Float.floatToFloat16(v);
        b[at] = (byte) h;
        b[at + 1] = (byte) (h >> 8);
    }
}
