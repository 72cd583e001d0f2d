package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.generate.Sampler;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import java.util.Locale;

/**
 * Prefill and decode tokens/s of a generated ~125M-parameter Llama in F32 (bigger than L2 + L3 here), and
 * the weight-read bandwidth decode achieves against a measured {@code System.arraycopy} bandwidth.
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp ... dev.modelfactory.engine.bench.LlamaBench THREADS</pre>
 */
public final class LlamaBench {

    /** A static final species, so C2 intrinsifies the loop (a local one falls back to Java code). */
    private static final jdk.incubator.vector.VectorSpecies<Float> SPECIES =
            jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;

    private LlamaBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(4)
                .vocabSize(32000).maxSeqLen(512).build();
        long params = c.parameterCount();
        long decodeBytes = 4L * (params - (long) c.vocabSize() * c.dim()); // every weight but the embedding table
        System.out.printf(Locale.ROOT, "model: %.1fM params F32 (%.0f MB), %d threads%n", params / 1e6, params * 4 / 1e6,
                threads);
        double copyGbs = copyBandwidth();
        double readGbsPeak = readBandwidth(Math.max(1, threads));
        long t0 = System.nanoTime();
        var weights = RandomWeights.create(c, 1);
        System.out.printf(Locale.ROOT, "random init %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (Backend be = threads > 0 ? new CpuBackend(threads) : Backends.best();
                LlamaModel model = LlamaModel.load(c, weights, be)) {
            weights = null;
            int[] prompt = new int[128];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = (i * 7919) % c.vocabSize();
            }
            double bestPrefill = 0;
            double bestDecode = 0;
            for (int round = 0; round < 3; round++) {
                try (LlamaSession s = model.newSession()) {
                    long p0 = System.nanoTime();
                    float[] logits = s.append(prompt);
                    bestPrefill = Math.max(bestPrefill, prompt.length / ((System.nanoTime() - p0) / 1e9));
                    int steps = 32;
                    long d0 = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        logits = s.append(Sampler.argmax(logits));
                    }
                    bestDecode = Math.max(bestDecode, steps / ((System.nanoTime() - d0) / 1e9));
                }
            }
            double readGbs = bestDecode * decodeBytes / 1e9;
            System.out.printf(Locale.ROOT, "prefill %.1f tokens/s (128-token prompt)%n", bestPrefill);
            System.out.printf(Locale.ROOT, "decode  %.1f tokens/s = %.1f GB/s of weight reads = %.0f%% of measured read "
                    + "bandwidth %.1f GB/s (vector sum, %d threads); arraycopy %.1f GB/s read+write%n", bestDecode, readGbs,
                    100 * readGbs / readGbsPeak, readGbsPeak, Math.max(1, threads), copyGbs);
        }
    }

    /** Best of a few 256 MB array copies, counting bytes read plus bytes written (STREAM "copy"). */
    static double copyBandwidth() {
        float[] a = new float[64 << 20];
        float[] b = new float[64 << 20];
        double best = 0;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            best = Math.max(best, 2.0 * 4 * a.length / (System.nanoTime() - t0));
        }
        return best;
    }

    /** Best-of read bandwidth: {@code threads} threads each summing its share of a 512 MB array. */
    static double readBandwidth(int threads) {
        float[] a = new float[128 << 20];
        java.util.Arrays.fill(a, 1f);
        double best = 0;
        for (int round = 0; round < 10; round++) {
            int share = a.length / threads;
            Thread[] workers = new Thread[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int from = t * share;
                workers[t] = new Thread(() -> sum(a, from, from + share));
                workers[t].start();
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return best;
                }
            }
            best = Math.max(best, 4.0 * share * threads / (System.nanoTime() - t0));
        }
        return best;
    }

    private static float sum(float[] a, int from, int to) {
        var s = SPECIES;
        var acc0 = jdk.incubator.vector.FloatVector.zero(s);
        var acc1 = jdk.incubator.vector.FloatVector.zero(s);
        var acc2 = jdk.incubator.vector.FloatVector.zero(s);
        var acc3 = jdk.incubator.vector.FloatVector.zero(s);
        int l = s.length();
        int i = from;
        for (; i + 4 * l <= to; i += 4 * l) {
            acc0 = acc0.add(jdk.incubator.vector.FloatVector.fromArray(s, a, i));
            acc1 = acc1.add(jdk.incubator.vector.FloatVector.fromArray(s, a, i + l));
            acc2 = acc2.add(jdk.incubator.vector.FloatVector.fromArray(s, a, i + 2 * l));
            acc3 = acc3.add(jdk.incubator.vector.FloatVector.fromArray(s, a, i + 3 * l));
        }
        return acc0.add(acc1).add(acc2).add(acc3).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

}
