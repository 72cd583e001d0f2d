package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.backend.cpu.CpuBackendProvider;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.generate.Sampler;
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
 * Load-path timings and decode bandwidth of a generated ~125M-parameter Llama exported as GGUF F32 (~500 MB),
 * Q8_0, Q4_0, Q4_K and Q6_K: the header-only {@link ModelLoader#inspect}, {@link GgufFile#open} (mmap + header
 * parse), then, per weight mode and thread count, the full {@link ModelLoader#load} to a runnable model, the
 * heap and resident memory (anonymous / file-backed, from /proc/self/status) its first load adds, prefill
 * tokens/s (128-token prompt) and greedy decode tokens/s (16-token prompt, then 64 tokens), and the weight
 * bytes decode reads per second (every matrix but the embedding table, once per token) against the machine's
 * {@code System.arraycopy} bandwidth measured at the start of the same run, and against the copy bandwidth
 * measured in the child just before each decode round ("same round": the median over {@link #DECODE_ROUNDS}
 * rounds of decode GB/s over that round's copy GB/s), since this VM's bandwidth drifts by 20-40 % between
 * minutes. Modes: {@code mapped} (the cpu
 * backend reads the matrices in the mapped file) and {@code copied} ({@code new CpuBackend(threads, false)}:
 * packed fp32 / heap Q8_0 copies made at load; Q4_0 / Q4_K / Q6_K dequantised to fp32 at load, as before). Load is
 * the best of 3 rounds, prefill and decode the best of 5; within a round the two modes run one after the other, so machine load hits
 * both alike. With 1 thread, prefill and decode are timed by the calling thread's CPU time (it computes
 * everything then), with 2 by wall time; load is always wall time. Each thread count runs in its own child JVM (same JVM flags). The files were just written, so
 * they are in the page cache: load times are warm-cache times.
 * <pre>gpu-engine/bench LoadBench [--types F32,Q8_0,Q4_0,Q4_K,Q6_K] [--threads 1,2] [FOLDER]</pre>
 * The files are deleted at the end. JVM flags reach the child JVMs, so
 * {@code BENCH_JAVA_OPTS=-Dmodelfactory.cpu.quant.fused=false} measures the buffered (pre-fusion) quantised
 * kernels of the same build, for an A/B of the "mapped" rows.
 */
public final class LoadBench {

    private static final int ROUNDS = 3;
    private static final int PROMPT = 16;
    private static final int GENERATE = 64;
    private static final int PREFILL = 128;
    private static final String[] MODES = {"mapped", "copied"};
    /** Numbers per mode in a child's result: load ms, heap MB, prefill, decode, RSS anon MB, RSS file MB. */
    private static final int FIELDS = 7;
    /** Decode rounds per mode, each just after its own copy-bandwidth probe. */
    private static final int DECODE_ROUNDS = 5;

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--run")) {
            System.out.println("RESULT " + run(Path.of(args[1])));
            return;
        }
        List<GgmlType> types = List.of(GgmlType.F32, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);
        int[] threads = {1, 2};
        String folderArg = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--types" -> types = java.util.Arrays.stream(args[++i].split(",")).map(GgmlType::valueOf).toList();
                case "--threads" -> threads = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                default -> folderArg = args[i];
            }
        }
        double copyGbs = LlamaBench.copyBandwidth();
        System.out.printf(Locale.ROOT, "System.arraycopy bandwidth (256 MB, read + write): %.1f GB/s%n", copyGbs);
        Path folder = folderArg != null ? Files.createDirectories(Path.of(folderArg))
                : Files.createTempDirectory("loadbench");
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(4)
                .vocabSize(32000).maxSeqLen(2048).ropeStyle(RopeStyle.INTERLEAVED).build();
        System.out.printf(Locale.ROOT, "model: %.1fM params, folder %s, %d processors%n", c.parameterCount() / 1e6,
                folder, Runtime.getRuntime().availableProcessors());
        Map<GgmlType, Path> files = new LinkedHashMap<>();
        Map<GgmlType, Double> writeSeconds = new LinkedHashMap<>();
        try {
            InMemoryWeights weights = RandomWeights.create(c, 1);
            for (GgmlType type : types) {
                Path file = folder.resolve("bench-125m-" + type + ".gguf");
                files.put(type, file);
                long t0 = System.nanoTime();
                LlamaGguf.write(file, c, weights, type);
                writeSeconds.put(type, (System.nanoTime() - t0) / 1e9);
            }
            weights = null;
            List<String> rows = new ArrayList<>();
            for (var e : files.entrySet()) {
                rows.addAll(rows(e.getKey(), e.getValue(), writeSeconds.get(e.getKey()), threads, copyGbs));
            }
            System.out.println();
            System.out.println("| file | size | write | inspect | GgufFile.open | weights | threads | load (runnable) | "
                    + "load per GB | heap added | RSS added anon / file | prefill | decode | weight reads | of copy bw | "
                    + "of copy bw, same round |");
            System.out.println("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        } finally {
            for (Path f : files.values()) {
                Files.deleteIfExists(f);
            }
            if (folderArg == null) {
                Files.deleteIfExists(folder);
            }
        }
    }

    private static List<String> rows(GgmlType type, Path file, double writeS, int[] threads, double copyGbs)
            throws IOException, InterruptedException {
        double inspect = Double.MAX_VALUE;
        double open = Double.MAX_VALUE;
        long decodeBytes = 0;
        try (GgufFile f = GgufFile.open(file)) {
            boolean tied = f.findTensor(dev.modelfactory.engine.model.WeightNames.OUTPUT).isEmpty();
            for (var t : f.tensors()) {
                if (tied || !t.name().equals(dev.modelfactory.engine.model.WeightNames.TOKEN_EMBD)) {
                    decodeBytes += t.byteSize();
                }
            }
        }
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            ModelLoader.inspect(file);
            inspect = Math.min(inspect, (System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            GgufFile f = GgufFile.open(file);
            open = Math.min(open, (System.nanoTime() - t0) / 1e6);
            f.close();
        }
        double gb = Files.size(file) / 1e9;
        List<String> rows = new ArrayList<>();
        String[][] results = new String[threads.length][];
        for (int t = 0; t < threads.length; t++) {
            results[t] = inChild(file, threads[t]).split(" ");
        }
        for (int m = 0; m < MODES.length; m++) {
            for (int t = 0; t < threads.length; t++) {
                String[] r = results[t];
                double loadMs = Double.parseDouble(r[FIELDS * m]);
                double decode = Double.parseDouble(r[FIELDS * m + 3]);
                double readGbs = decode * decodeBytes / 1e9;
                double sameRound = Double.parseDouble(r[FIELDS * m + 6]) * decodeBytes / 1e9;
                rows.add(String.format(Locale.ROOT,
                        "| %s | %.0f MB | %.2f s | %.1f ms | %.2f ms | %s | %d | %.1f ms | %.0f ms | %.0f MB | %.0f / %.0f MB | "
                                + "%.1f tok/s | %.1f tok/s | %.1f GB/s | %.0f %% | %.0f %% |", type, gb * 1e3, writeS, inspect,
                        open, MODES[m], threads[t], loadMs, loadMs / gb, Double.parseDouble(r[FIELDS * m + 1]),
                        Double.parseDouble(r[FIELDS * m + 4]), Double.parseDouble(r[FIELDS * m + 5]),
                        Double.parseDouble(r[FIELDS * m + 2]), decode, readGbs, 100 * readGbs / copyGbs, 100 * sameRound));
            }
        }
        return rows;
    }

    /**
     * In the child, for each mode ({@link #MODES}): best-of-3 load (ms), the heap the loaded model adds (MB,
     * after GC), best-of-5 prefill of {@link #PREFILL} tokens and greedy decode ({@link #PROMPT}-token prompt,
     * {@link #GENERATE} timed steps), and the median of decode tok/s over the copy GB/s measured just before
     * each decode round; rounds alternate between the modes.
     */
    private static String run(Path file) {
        int threads = CpuBackendProvider.threads();
        double[] load = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] heapMb = new double[2];
        double[] prefill = new double[2];
        double[] decode = new double[2];
        double[][] rss = new double[2][2];
        double[][] perCopy = new double[2][DECODE_ROUNDS];
        Backend[] backends = {new CpuBackend(threads, true), new CpuBackend(threads, false)};
        try {
            Runtime rt = Runtime.getRuntime();
            for (int r = 0; r < ROUNDS; r++) {
                for (int m = 0; m < 2; m++) {
                    System.gc();
                    long before = rt.totalMemory() - rt.freeMemory();
                    double[] rss0 = rssMb();
                    long t0 = System.nanoTime();
                    LoadedModel model = ModelLoader.load(file, backends[m], 256);
                    load[m] = Math.min(load[m], (System.nanoTime() - t0) / 1e6);
                    if (r == 0) {
                        double[] rss1 = rssMb();
                        rss[m][0] = rss1[0] - rss0[0];
                        rss[m][1] = rss1[1] - rss0[1];
                    }
                    System.gc();
                    heapMb[m] = (rt.totalMemory() - rt.freeMemory() - before) / 1e6;
                    model.close();
                }
            }
            try (LoadedModel mapped = ModelLoader.load(file, backends[0], 256);
                    LoadedModel copied = ModelLoader.load(file, backends[1], 256)) {
                LoadedModel[] models = {mapped, copied};
                int vocab = models[0].model().config().vocabSize();
                int[] prompt = new int[PREFILL];
                prompt[0] = 1;
                for (int i = 1; i < PREFILL; i++) {
                    prompt[i] = 259 + (i * 7919) % (vocab - 259);
                }
                float[] copyFrom = new float[64 << 20];
                float[] copyTo = new float[64 << 20];
                for (int r = 0; r < DECODE_ROUNDS; r++) {
                    for (int m = 0; m < 2; m++) {
                        double copyGbs = 0;
                        for (int i = 0; i < 2; i++) {
                            long c0 = System.nanoTime();
                            System.arraycopy(copyFrom, 0, copyTo, 0, copyFrom.length);
                            copyGbs = Math.max(copyGbs, 2.0 * 4 * copyFrom.length / (System.nanoTime() - c0));
                        }
                        try (LlamaSession s = models[m].model().newSession()) {
                            long t0 = clock(threads);
                            s.append(prompt);
                            prefill[m] = Math.max(prefill[m], PREFILL / ((clock(threads) - t0) / 1e9));
                        }
                        try (LlamaSession s = models[m].model().newSession()) {
                            int next = Sampler.argmax(s.append(java.util.Arrays.copyOf(prompt, PROMPT)));
                            long t0 = clock(threads);
                            for (int i = 0; i < GENERATE; i++) {
                                next = Sampler.argmax(s.append(next));
                            }
                            double tps = GENERATE / ((clock(threads) - t0) / 1e9);
                            decode[m] = Math.max(decode[m], tps);
                            perCopy[m][r] = tps / copyGbs;
                        }
                    }
                }
            }
        } finally {
            backends[0].close();
            backends[1].close();
        }
        System.err.printf(Locale.ROOT, "%s: %d threads%n", file.getFileName(), threads);
        StringBuilder out = new StringBuilder();
        for (int m = 0; m < 2; m++) {
            double[] ratios = perCopy[m].clone();
            java.util.Arrays.sort(ratios);
            out.append(String.format(Locale.ROOT, "%.3f %.1f %.3f %.3f %.1f %.1f %.6f ", load[m], heapMb[m], prefill[m],
                    decode[m], rss[m][0], rss[m][1], ratios[ratios.length / 2]));
        }
        return out.toString().trim();
    }

    /**
     * Resident memory in MB as the kernel counts it: anonymous (heap, copies) and file-backed (mapped pages
     * touched); zeros where /proc is absent. The first load of each mode is measured: mapped first, so the
     * copied mode's figure is its own growth, not heap the mapped one left.
     */
    private static double[] rssMb() {
        double[] mb = new double[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                    double kb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    mb[line.startsWith("RssAnon:") ? 0 : 1] = kb / 1024;
                }
            }
        } catch (IOException e) {
            return mb;
        }
        return mb;
    }

    /**
     * Nanoseconds: with one thread the calling thread's CPU time (it does all the work then, and other
     * processes on a shared machine cannot inflate it), else wall time.
     */
    private static long clock(int threads) {
        return threads == 1 ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }


    /** Runs {@code --run} in a JVM with this one's flags plus the thread count. */
    private static String inChild(Path file, int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-D" + CpuBackendProvider.THREADS_PROPERTY + "="))
                .forEach(cmd::add);
        cmd.add("-D" + CpuBackendProvider.THREADS_PROPERTY + "=" + threads);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadBench.class.getName(), "--run",
                file.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child for " + file + " at " + threads + " threads failed");
        }
        return result;
    }
}
