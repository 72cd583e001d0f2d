package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackendProvider;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load-path timings of a generated ~125M-parameter Llama exported as GGUF F32 (~500 MB) and Q8_0: the
 * header-only {@link ModelLoader#inspect}, {@link GgufFile#open} (mmap + header parse), the full
 * {@link ModelLoader#load} to a runnable model, and greedy decode tokens/s (16-token prompt, then 64
 * tokens) at 1 and 2 threads. Each figure is the best of 3. The cpu backend reads its thread count once,
 * so decode runs in one child JVM per thread count (same JVM flags, {@code -Dmodelfactory.threads=N}).
 * The files were just written, so they are in the page cache: load times are warm-cache times.
 * <pre>java --add-modules jdk.incubator.vector -Xmx6g -cp ... dev.modelfactory.engine.bench.LoadBench [FOLDER]</pre>
 * The files are deleted at the end.
 */
public final class LoadBench {

    private static final int ROUNDS = 3;
    private static final int PROMPT = 16;
    private static final int GENERATE = 64;
    private static final int[] THREADS = {1, 2};

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--decode")) {
            System.out.printf(Locale.ROOT, "DECODE %.3f%n", decodeTokensPerSecond(Path.of(args[1])));
            return;
        }
        Path folder = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("loadbench");
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(4)
                .vocabSize(32000).maxSeqLen(2048).ropeStyle(RopeStyle.INTERLEAVED).build();
        System.out.printf(Locale.ROOT, "model: %.1fM params, folder %s, %d processors%n", c.parameterCount() / 1e6,
                folder, Runtime.getRuntime().availableProcessors());
        Map<GgmlType, Path> files = new LinkedHashMap<>();
        Map<GgmlType, Double> writeSeconds = new LinkedHashMap<>();
        try {
            InMemoryWeights weights = RandomWeights.create(c, 1);
            for (GgmlType type : List.of(GgmlType.F32, GgmlType.Q8_0)) {
                Path file = folder.resolve("bench-125m-" + type + ".gguf");
                files.put(type, file);
                long t0 = System.nanoTime();
                LlamaGguf.write(file, c, weights, type);
                writeSeconds.put(type, (System.nanoTime() - t0) / 1e9);
            }
            weights = null;
            List<String> rows = new ArrayList<>();
            for (var e : files.entrySet()) {
                rows.add(row(e.getKey(), e.getValue(), writeSeconds.get(e.getKey())));
            }
            System.out.println();
            System.out.println("| file | size | write | inspect | GgufFile.open | load (runnable) | decode 1 thread | decode 2 threads |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        } finally {
            for (Path f : files.values()) {
                Files.deleteIfExists(f);
            }
            if (args.length == 0) {
                Files.deleteIfExists(folder);
            }
        }
    }

    private static String row(GgmlType type, Path file, double writeS) throws IOException, InterruptedException {
        double inspect = Double.MAX_VALUE;
        double open = Double.MAX_VALUE;
        double load = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            ModelLoader.inspect(file);
            inspect = Math.min(inspect, (System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            GgufFile f = GgufFile.open(file);
            open = Math.min(open, (System.nanoTime() - t0) / 1e6);
            f.close();
        }
        try (Backend cpu = Backends.named("cpu")) {
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                LoadedModel m = ModelLoader.load(file, cpu, ModelLoader.DEFAULT_CONTEXT);
                load = Math.min(load, (System.nanoTime() - t0) / 1e9);
                m.close();
            }
        }
        StringBuilder decode = new StringBuilder();
        for (int threads : THREADS) {
            decode.append(String.format(Locale.ROOT, " %.1f tok/s |", decodeInChild(file, threads)));
        }
        return String.format(Locale.ROOT, "| %s | %.0f MB | %.2f s | %.1f ms | %.2f ms | %.2f s |%s", type,
                Files.size(file) / 1e6, writeS, inspect, open, load, decode);
    }

    /** Greedy decode, best of {@link #ROUNDS}: a 16-token prompt, then 64 single-token steps (timed). */
    private static double decodeTokensPerSecond(Path file) {
        double best = 0;
        try (Backend cpu = Backends.named("cpu"); LoadedModel m = ModelLoader.load(file, cpu, 128)) {
            int vocab = m.model().config().vocabSize();
            int[] prompt = new int[PROMPT];
            prompt[0] = 1;
            for (int i = 1; i < PROMPT; i++) {
                prompt[i] = 259 + (i * 7919) % (vocab - 259);
            }
            for (int r = 0; r < ROUNDS; r++) {
                try (LlamaSession s = m.model().newSession()) {
                    int next = argmax(s.append(prompt));
                    long t0 = System.nanoTime();
                    for (int i = 0; i < GENERATE; i++) {
                        next = argmax(s.append(next));
                    }
                    best = Math.max(best, GENERATE / ((System.nanoTime() - t0) / 1e9));
                }
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d threads%n", file.getFileName(), CpuBackendProvider.threads());
        return best;
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Runs {@code --decode} in a JVM with this one's flags and {@code -Dmodelfactory.threads=threads}. */
    private static double decodeInChild(Path file, int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-D" + CpuBackendProvider.THREADS_PROPERTY + "=")).forEach(cmd::add);
        cmd.add("-D" + CpuBackendProvider.THREADS_PROPERTY + "=" + threads);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadBench.class.getName(), "--decode",
                file.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Double result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("DECODE ")) {
                    result = Double.parseDouble(line.substring("DECODE ".length()));
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("decode child for " + file + " at " + threads + " threads failed");
        }
        return result;
    }
}
