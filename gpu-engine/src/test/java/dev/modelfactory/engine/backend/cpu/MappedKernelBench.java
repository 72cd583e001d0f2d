package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.HostTensors.F32_LE;

import dev.modelfactory.engine.backend.Q8_0;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Linear-layer {@code x · Wᵀ} GFLOP/s on one thread, W in place (a mapped temporary file:
 * {@link CpuMappedMatmul}, {@link CpuMappedQ8Matmul}) beside W copied at load (packed fp32
 * {@link CpuLinearMatmul}; heap Q8_0 {@link CpuQ8Matmul}), on the 125M bench model's shapes: prefill
 * (128 rows) and decode (1 row). Run by hand, not a unit test:
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.modelfactory.engine.backend.cpu.MappedKernelBench</pre>
 * Time is the calling thread's CPU time, best single run over alternating rounds, with the median of the
 * rounds' bests; FLOPs counted as 2·M·K·N.
 */
public final class MappedKernelBench {

    private static final ThreadMXBean THREAD_TIME = ManagementFactory.getThreadMXBean();

    private MappedKernelBench() {
    }

    public static void main(String[] args) {
        int[][] shapes = {{128, 768, 2304}, {128, 768, 2048}, {128, 2048, 768}, {1, 768, 768}, {1, 768, 2048},
            {1, 2048, 768}, {1, 768, 32000}, {1, 2048, 8192}};
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "0.3"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(Locale.ROOT, "%-28s %17s %17s %17s %17s  (GFLOP/s best/median, 1 thread, CPU time)%n",
                "shape", "f32 packed", "f32 mapped", "q8 heap", "q8 mapped");
        try (CpuThreads pool = new CpuThreads(1); Arena arena = Arena.ofShared()) {
            for (int[] s : shapes) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                MemorySegment heapBlocks = blocks(n, k, 1);
                MemorySegment q8Blocks = mapped(arena, heapBlocks);
                CpuQ8Weight q8 = new CpuQ8Weight(heapBlocks, n, k);
                float[] wf = new float[n * k];
                q8.dequantize(wf);
                CpuLinearWeight packed = new CpuLinearWeight(wf, n, k);
                MemorySegment f32Heap = MemorySegment.ofArray(new byte[4 * wf.length]);
                MemorySegment.copy(wf, 0, f32Heap, F32_LE, 0, wf.length);
                MemorySegment f32 = mapped(arena, f32Heap);
                CpuMappedWeight mapped = new CpuMappedWeight(f32, n, k);
                CpuMappedQ8Weight mappedQ8 = new CpuMappedQ8Weight(q8Blocks, n, k);
                float[] x = random(m * k, 2);
                float[] c = new float[m * n];
                Runnable[] ops = {
                    () -> CpuLinearMatmul.matmul(pool, x, packed, c, m),
                    () -> CpuMappedMatmul.matmul(pool, x, mapped, c, m),
                    () -> CpuQ8Matmul.matmul(pool, x, q8, c, m),
                    () -> CpuMappedQ8Matmul.matmul(pool, x, mappedQ8, c, m),
                };
                double[][] g = new double[ops.length][rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int o = 0; o < ops.length; o++) {
                        g[o][r] = gflops(2.0 * m * k * n, seconds, ops[o]);
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s",
                        m + "x" + k + " * (" + n + "x" + k + ")^T"));
                for (double[] gs : g) {
                    Arrays.sort(gs);
                    line.append(String.format(Locale.ROOT, " %8.1f/%-8.1f", gs[rounds - 1], gs[rounds / 2]));
                }
                System.out.println(line);
            }
        }
    }

    /** {@code bytes} written to a temporary file and mapped read-only, as the loader maps a model. */
    private static MemorySegment mapped(Arena arena, MemorySegment bytes) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("mapped-kernel-bench", ".bin");
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

    private static double gflops(double flops, double seconds, Runnable op) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double best = 0;
        int runs = 0;
        do {
            long t0 = THREAD_TIME.getCurrentThreadCpuTime();
            op.run();
            best = Math.max(best, flops / (THREAD_TIME.getCurrentThreadCpuTime() - t0));
            runs++;
        } while (System.nanoTime() < end || runs < 2);
        return best;
    }

    private static MemorySegment blocks(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] raw = new byte[n * (k / Q8_0.BLOCK) * Q8_0.BLOCK_BYTES];
        for (int at = 0; at < raw.length; at += Q8_0.BLOCK_BYTES) {
            short h = Float.floatToFloat16((float) (r.nextDouble() / 127));
            raw[at] = (byte) h;
            raw[at + 1] = (byte) (h >> 8);
            for (int j = 0; j < Q8_0.BLOCK; j++) {
                raw[at + 2 + j] = (byte) r.nextInt(256);
            }
        }
        return MemorySegment.ofArray(raw);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
