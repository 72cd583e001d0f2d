package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.Q8_0;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prefill-shaped {@code x · Wᵀ} GFLOP/s on one thread: Q8_0 W through the per-row int8 kernel
 * ({@link CpuQ8Matmul#perRow}) and through the panel GEMM ({@link CpuQ8PanelGemm}), beside fp32 W pre-packed
 * ({@link CpuLinearMatmul}). Lives in the cpu package (test sources) because it calls both Q8 kernels
 * directly, past the {@link CpuQ8Matmul#GEMM_ROWS} switch. Run by hand, not a unit test:
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.modelfactory.engine.backend.cpu.Q8PrefillBench [M...]</pre>
 * Time is the calling thread's CPU time (one thread computes on the caller), best single run over
 * alternating rounds, with the median of the rounds' bests; FLOPs counted as 2·M·K·N. Optional args
 * override the row count M of both shapes (to find the threshold).
 */
public final class Q8PrefillBench {

    private static final ThreadMXBean THREAD_TIME = ManagementFactory.getThreadMXBean();

    private Q8PrefillBench() {
    }

    public static void main(String[] args) {
        int[] ms = args.length == 0 ? new int[] {128} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int[][] shapes = {{768, 2304}, {2048, 8192}};
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "0.3"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(Locale.ROOT, "%-28s %18s %18s %18s  (GFLOP/s best/median, 1 thread, CPU time)%n",
                "shape", "q8 per-row", "q8 panel gemm", "f32 linear gemm");
        try (CpuThreads pool = new CpuThreads(1)) {
            for (int[] s : shapes) {
                for (int m : ms) {
                    int k = s[0];
                    int n = s[1];
                    CpuQ8Weight q8 = new CpuQ8Weight(blocks(n, k, 1), n, k);
                    float[] wf = new float[n * k];
                    q8.dequantize(wf);
                    CpuLinearWeight f32 = new CpuLinearWeight(wf, n, k);
                    float[] x = random(m * k, 2);
                    float[] c = new float[m * n];
                    Runnable[] ops = {
                        () -> CpuQ8Matmul.perRow(pool, x, q8, c, m),
                        () -> CpuQ8PanelGemm.matmul(pool, x, q8, c, m),
                        () -> CpuLinearMatmul.matmul(pool, x, f32, c, m),
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
                        line.append(String.format(Locale.ROOT, " %8.1f/%-9.1f", gs[rounds - 1], gs[rounds / 2]));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    /** Best single-run GFLOP/s over runs filling about {@code seconds} (at least 2 runs). */
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

    /** Q8_0 blocks [n, k] with scales up to 1/127 and quants over the whole int8 range. */
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
