package dev.modelfactory.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * fp32 matmul GFLOP/s: cpu backend vs DJL PyTorch (and the reference on request) at one thread count.
 * PyTorch fixes its intra-op threads when its engine starts, so run one JVM per thread count:
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.modelfactory.engine.bench.MatmulBench THREADS [ref]</pre>
 * The machine is shared, so engine and PyTorch are timed in alternating rounds and each figure is the best
 * single run over all rounds (what the code can do when it gets the cores), with the median of the rounds'
 * bests beside it; FLOPs counted as 2·M·K·N. With one thread, time is the calling thread's CPU time (both
 * compute on the calling thread then), which other processes on the machine cannot inflate; with more
 * threads it is wall time.
 */
public final class MatmulBench {

    /** {@code linear}: W uploaded as a linear weight (pre-packed by cpu), as the model holds its weights. */
    private record Case(String name, int m, int k, int n, boolean transB, boolean linear) {
    }

    private static final Case[] CASES = {
        new Case("square 1024^3 a*b", 1024, 1024, 1024, false, false),
        new Case("square 1024^3 x*W^T, W plain", 1024, 1024, 1024, true, false),
        new Case("square 1024^3 x*W^T, W linear", 1024, 1024, 1024, true, true),
        new Case("prefill 128x768 * (2304x768)^T", 128, 768, 2304, true, true),
        new Case("decode 1x2048 * (8192x2048)^T", 1, 2048, 8192, true, true),
    };

    private static final java.lang.management.ThreadMXBean THREAD_TIME =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static boolean cpuClock;

    private MatmulBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        boolean withRef = args.length > 1 && args[1].equals("ref");
        cpuClock = threads == 1;
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "0.3"));
        int rounds = Integer.getInteger("bench.rounds", 8);
        System.out.printf(Locale.ROOT, "%-34s %7s %16s %16s %10s %7s  (%s)%n", "shape", "threads", "cpu best/median",
                "pytorch best/med", "reference", "cpu/pt", threads == 1 ? "GFLOP/s by thread CPU time" : "GFLOP/s by wall time");
        try (CpuBackend cpu = new CpuBackend(threads); NDManager nd = NDManager.newBaseManager("PyTorch")) {
            for (Case c : CASES) {
                float[] a = random(c.m * c.k, 1);
                float[] b = random(c.k * c.n, 2);
                Runnable ours = engine(cpu, c, a, b);
                Runnable theirs = torch(nd, c, a, b);
                double[] cpuG = new double[rounds];
                double[] ptG = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    cpuG[r] = gflops(c, seconds, ours);
                    ptG[r] = gflops(c, seconds, theirs);
                }
                double refG = withRef ? gflops(c, 0.01, engine(new RefBackend(), c, a, b)) : Double.NaN;
                Arrays.sort(cpuG);
                Arrays.sort(ptG);
                System.out.printf(Locale.ROOT, "%-34s %7d %7.1f/%-7.1f  %7.1f/%-7.1f  %10.2f %7.2f%n", c.name, threads,
                        cpuG[rounds - 1], cpuG[rounds / 2], ptG[rounds - 1], ptG[rounds / 2], refG,
                        cpuG[rounds - 1] / ptG[rounds - 1]);
            }
        }
    }

    private static Runnable engine(Backend be, Case c, float[] a, float[] b) {
        Tensor ta = be.upload(a, c.m, c.k);
        Tensor tb = c.linear ? be.uploadLinear(b, c.n, c.k) : c.transB ? be.upload(b, c.n, c.k) : be.upload(b, c.k, c.n);
        Tensor out = be.allocate(c.m, c.n);
        return () -> be.matmul(ta, tb, c.transB, out);
    }

    private static Runnable torch(NDManager nd, Case c, float[] a, float[] b) {
        NDArray ta = nd.create(a, new Shape(c.m, c.k));
        NDArray tb = c.transB ? nd.create(b, new Shape(c.n, c.k)).transpose() : nd.create(b, new Shape(c.k, c.n));
        return () -> {
            try (NDArray out = ta.matMul(tb)) {
                out.getShape();
            }
        };
    }

    /** Best single-run GFLOP/s over runs filling about {@code seconds} (at least 2 runs). */
    private static double gflops(Case c, double seconds, Runnable op) {
        double flops = 2.0 * c.m * c.k * c.n;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double best = 0;
        int runs = 0;
        do {
            long t0 = clock();
            op.run();
            best = Math.max(best, flops / (clock() - t0));
            runs++;
        } while (System.nanoTime() < end || runs < 2);
        return best;
    }

    private static long clock() {
        return cpuClock ? THREAD_TIME.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
