package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Same-JVM A/B of decode tokens/s on the generated ~125M Llama (as {@link LoadBench}, weights read in place):
 * <b>shared</b>, the cpu backend as it is (q/k/v and gate/up each one {@link Backend#matmulSharedInput} step),
 * against <b>separate</b>, the same backend with that call split into one {@code matmul} per weight (as before
 * it existed). Both go through the same reflective wrapper, so they pay the same per-call overhead. Rounds
 * alternate A and B, so this machine's drift (10-20 % between minutes) hits both alike; the table gives the
 * median and best of each and the median of the per-round ratios.
 * <pre>gpu-engine/bench DecodeAbBench [--types Q8_0,F32] [--threads 2] [--rounds 15]</pre>
 */
public final class DecodeAbBench {

    private static final int PROMPT = 16;
    private static final int GENERATE = 64;

    private DecodeAbBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] types = {"Q8_0"};
        int threads = 2;
        int rounds = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--types" -> types = args[++i].split(",");
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(4)
                .vocabSize(32000).maxSeqLen(2048).ropeStyle(RopeStyle.INTERLEAVED).build();
        Path folder = Files.createTempDirectory("decodeab");
        System.out.printf(Locale.ROOT, "model: %.1fM params, %d threads, %d rounds of %d decode steps%n",
                c.parameterCount() / 1e6, threads, rounds, GENERATE);
        System.out.println("| file | shared median | shared best | separate median | separate best | median ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        try (CpuBackend cpuA = new CpuBackend(threads); CpuBackend cpuB = new CpuBackend(threads)) {
            Backend shared = wrap(cpuA, false);
            Backend separate = wrap(cpuB, true);
            var weights = RandomWeights.create(c, 1);
            for (String t : types) {
                Path file = folder.resolve("ab-" + t + ".gguf");
                LlamaGguf.write(file, c, weights, GgmlType.valueOf(t));
                try (LoadedModel a = ModelLoader.load(file, shared, 256);
                        LoadedModel b = ModelLoader.load(file, separate, 256)) {
                    for (int w = 0; w < 2; w++) {
                        decode(a);
                        decode(b);
                    }
                    double[] ta = new double[rounds];
                    double[] tb = new double[rounds];
                    double[] ratio = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        if (r % 2 == 0) {
                            ta[r] = decode(a);
                            tb[r] = decode(b);
                        } else {
                            tb[r] = decode(b);
                            ta[r] = decode(a);
                        }
                        ratio[r] = ta[r] / tb[r];
                    }
                    System.out.printf(Locale.ROOT, "| %s | %.1f tok/s | %.1f tok/s | %.1f tok/s | %.1f tok/s | %.3f |%n", t,
                            median(ta), max(ta), median(tb), max(tb), median(ratio));
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        } finally {
            Files.deleteIfExists(folder);
        }
    }

    /** The backend behind a reflective wrapper; with {@code split}, matmulSharedInput runs weight by weight. */
    private static Backend wrap(Backend inner, boolean split) {
        InvocationHandler h = (proxy, m, args) -> {
            if (split && m.getName().equals("matmulSharedInput")) {
                Tensor a = (Tensor) args[0];
                Tensor[] ws = (Tensor[]) args[1];
                Tensor[] outs = (Tensor[]) args[2];
                for (int i = 0; i < ws.length; i++) {
                    inner.matmul(a, ws[i], true, outs[i]);
                }
                return null;
            }
            try {
                return m.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, h);
    }

    /** Greedy decode tokens/s (wall time) after a {@link #PROMPT}-token prompt. */
    private static double decode(LoadedModel model) {
        int vocab = model.model().config().vocabSize();
        int[] prompt = new int[PROMPT];
        prompt[0] = 1;
        for (int i = 1; i < PROMPT; i++) {
            prompt[i] = 259 + (i * 7919) % (vocab - 259);
        }
        try (LlamaSession s = model.model().newSession()) {
            int next = argmax(s.append(prompt));
            long t0 = System.nanoTime();
            for (int i = 0; i < GENERATE; i++) {
                next = argmax(s.append(next));
            }
            return GENERATE / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
