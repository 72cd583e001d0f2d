package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.generate.Sampler;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Same-JVM A/B of greedy decode tokens/s on the generated ~125M Llama (as {@code LoadBench}, weights read in
 * place) between variants of the cpu backend, each a comma-free token:
 * <ul>
 * <li>{@code shared}: as it is (q/k/v and gate/up each one {@link Backend#matmulSharedInput} step, the
 *     default worker spin);</li>
 * <li>{@code separate}: that call split into one {@code matmul} per weight (as before it existed);</li>
 * <li>{@code spinN}: shared, with workers that spin N µs for the next job before they park.</li>
 * </ul>
 * All go through the same reflective wrapper, so they pay the same per-call overhead. Rounds visit the
 * variants in rotating order, so this machine's drift (10-20 % between minutes) hits all alike; the table
 * gives each one's median and best, and the median of its per-round ratio to the first variant.
 * With {@code --profile} each decode round also prints where its time went: wall µs per token inside each
 * backend method, matmuls keyed by weight shape and x rows (the caller's view: a parallel step counts once).
 * <pre>gpu-engine/bench dev.modelfactory.engine.backend.cpu.DecodeAbBench [--types Q8_0,F32] [--threads 2]
 *     [--rounds 15] [--variants shared,separate,spin0] [--profile]</pre>
 */
public final class DecodeAbBench {

    private static final int PROMPT = 16;
    private static final int GENERATE = 64;
    /** With {@code --profile}: wall time per token spent in each backend call (by method and matmul shape). */
    private static final Map<String, Long> TIMES = new ConcurrentHashMap<>();
    private static boolean profile;

    private DecodeAbBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] types = {"Q8_0"};
        String[] variants = {"shared", "separate"};
        int threads = 2;
        int rounds = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--types" -> types = args[++i].split(",");
                case "--variants" -> variants = args[++i].split(",");
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(4)
                .vocabSize(32000).maxSeqLen(2048).ropeStyle(RopeStyle.INTERLEAVED).build();
        Path folder = Files.createTempDirectory("decodeab");
        int v = variants.length;
        System.out.printf(Locale.ROOT, "model: %.1fM params, %d threads, %d rounds of %d decode steps%n",
                c.parameterCount() / 1e6, threads, rounds, GENERATE);
        StringBuilder head = new StringBuilder("| file |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int i = 0; i < v; i++) {
            head.append(' ').append(variants[i]).append(" median | best |").append(i > 0 ? " ratio to " + variants[0] + " |" : "");
            rule.append("---:|---:|").append(i > 0 ? "---:|" : "");
        }
        System.out.println(head);
        System.out.println(rule);
        CpuBackend[] cpus = new CpuBackend[v];
        Backend[] backends = new Backend[v];
        for (int i = 0; i < v; i++) {
            cpus[i] = variants[i].startsWith("spin")
                    ? new CpuBackend(threads, true, Long.parseLong(variants[i].substring(4)) * 1000)
                    : variants[i].startsWith("chunks")
                    ? new CpuBackend(threads, true, 200_000, Integer.parseInt(variants[i].substring(6)))
                    : new CpuBackend(threads, true);
            backends[i] = wrap(cpus[i], variants[i].equals("separate"));
        }
        try {
            var weights = RandomWeights.create(c, 1);
            for (String t : types) {
                Path file = folder.resolve("ab-" + t + ".gguf");
                LlamaGguf.write(file, c, weights, GgmlType.valueOf(t));
                LoadedModel[] models = new LoadedModel[v];
                try {
                    for (int i = 0; i < v; i++) {
                        models[i] = ModelLoader.load(file, backends[i], 256);
                    }
                    for (int w = 0; w < 2; w++) {
                        for (LoadedModel m : models) {
                            decode(m);
                        }
                    }
                    double[][] tps = new double[v][rounds];
                    double[][] ratio = new double[v][rounds];
                    for (int r = 0; r < rounds; r++) {
                        for (int j = 0; j < v; j++) {
                            int i = (j + r) % v;
                            tps[i][r] = decode(models[i]);
                        }
                        for (int i = 0; i < v; i++) {
                            ratio[i][r] = tps[i][r] / tps[0][r];
                        }
                    }
                    StringBuilder row = new StringBuilder("| " + t + " |");
                    for (int i = 0; i < v; i++) {
                        row.append(String.format(Locale.ROOT, " %.1f tok/s | %.1f tok/s |", median(tps[i]), max(tps[i])));
                        if (i > 0) {
                            row.append(String.format(Locale.ROOT, " %.3f |", median(ratio[i])));
                        }
                    }
                    System.out.println(row);
                } finally {
                    for (LoadedModel m : models) {
                        if (m != null) {
                            m.close();
                        }
                    }
                    Files.deleteIfExists(file);
                }
            }
        } finally {
            for (CpuBackend b : cpus) {
                b.close();
            }
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
            long t0 = System.nanoTime();
            try {
                return m.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (profile) {
                    String key = m.getName();
                    if (args != null && args.length > 1 && args[1] instanceof Tensor tb && key.startsWith("matmul")) {
                        key += " " + tb.rows() + "x" + tb.cols() + " m=" + ((Tensor) args[0]).rows();
                    } else if (key.startsWith("matmulShared")) {
                        key += " " + ((Tensor[]) args[1]).length + " m=" + ((Tensor) args[0]).rows();
                    }
                    TIMES.merge(key, System.nanoTime() - t0, Long::sum);
                }
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
            int next = Sampler.argmax(s.append(prompt));
            TIMES.clear();
            long t0 = System.nanoTime();
            for (int i = 0; i < GENERATE; i++) {
                next = Sampler.argmax(s.append(next));
            }
            long wall = System.nanoTime() - t0;
            if (profile) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "per token %.0f µs:", wall / 1e3 / GENERATE));
                TIMES.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> b.append(String.format(Locale.ROOT, " [%s %.0f]", e.getKey(), e.getValue() / 1e3 / GENERATE)));
                System.out.println(b);
            }
            return GENERATE / (wall / 1e9);
        }
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
