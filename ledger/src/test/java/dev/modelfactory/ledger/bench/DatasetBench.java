package dev.modelfactory.ledger.bench;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
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
 * The dataset figures of issue 3 in one run, each heavy step in its own JVM:
 * <pre>
 * ledger/bench DatasetBench [rows=1000000] [work-folder=target/dataset-bench]
 * </pre>
 * generates a deterministic Alpaca JSONL ({@link AlpacaGenerator}), times {@code jq -c . FILE > /dev/null}
 * on it, imports it in a child JVM with {@code -Xmx512m} (rows/s, peak heap, CPU time), runs the
 * near-duplicate check alone and then every check in a second child JVM ({@code -Xmx1g}), and reports the database
 * size. Prints a Markdown table (docs/benchmarks/datasets.md). {@code DatasetBench checks WORKSPACE near-only}
 * times the near-duplicate check alone on a workspace a previous run imported.
 */
public final class DatasetBench {

    private DatasetBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            importChild(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("checks")) {
            checksChild(Path.of(args[1]), args.length > 2 && args[2].equals("near-only"));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/dataset-bench").toAbsolutePath();
        Files.createDirectories(work);
        Path file = work.resolve("alpaca-" + rows + ".jsonl");
        if (!Files.exists(file)) {
            System.err.printf(Locale.ROOT, "generating %s ...%n", file);
            new AlpacaGenerator(2026).write(file, rows);
        }
        Path ws = work.resolve("ws-" + System.currentTimeMillis());
        Map<String, String> r = new LinkedHashMap<>();
        r.put("rows", String.valueOf(rows));
        r.put("file_mb", String.format(Locale.ROOT, "%.1f", Files.size(file) / 1e6));
        r.put("load_before", loadAverage());
        r.put("jq_s", String.format(Locale.ROOT, "%.2f", jq(file)));
        r.putAll(child("-Xmx512m", "import", file.toString(), ws.toString()));
        r.putAll(child("-Xmx1g", "checks", ws.toString()));
        r.put("load_after", loadAverage());
        print(r);
    }

    private static void print(Map<String, String> r) {
        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("| --- | --- |");
        r.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double jq(Path file) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("jq", "-c", ".", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jq failed (is it installed? apt-get install -y jq)");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Runs this class in a child JVM and collects its {@code RESULT key=value} lines. */
    private static Map<String, String> child(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-cp", System.getProperty("java.class.path"), DatasetBench.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                System.err.println(line);
                if (line.startsWith("RESULT ")) {
                    int eq = line.indexOf('=');
                    out.put(line.substring(7, eq), line.substring(eq + 1));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("child " + args[0] + " failed with exit code " + p.exitValue());
        }
        return out;
    }

    private static void result(String key, String format, Object... values) {
        System.out.println("RESULT " + key + "=" + String.format(Locale.ROOT, format, values));
    }

    private static void importChild(Path file, Path wsDir) throws Exception {
        HeapWatch heap = HeapWatch.start();
        double cpu0 = HeapWatch.cpuSeconds();
        try (Workspace ws = Workspace.open(wsDir)) {
            DatasetStore store = new DatasetStore(ws);
            long ds = store.create("bench", "").id();
            long t0 = System.nanoTime();
            ImportSummary s = store.importFile(ds, file, ImportOptions.builder().contributor("bench").licence("CC-BY-4.0").build(),
                    new ProgressPrinter("import"), CancellationToken.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            result("import_rows", "%d", s.imported());
            result("import_duplicates_in_file", "%d", s.duplicatesInFile());
            result("import_s", "%.1f", seconds);
            result("import_rows_per_s", "%.0f", s.imported() / seconds);
            result("import_cpu_s", "%.1f", HeapWatch.cpuSeconds() - cpu0);
            result("import_rows_per_cpu_s", "%.0f", s.imported() / (HeapWatch.cpuSeconds() - cpu0));
            result("import_heap_max_mb", "%d", Runtime.getRuntime().maxMemory() >> 20);
            result("import_heap_peak_used_mb", "%d", heap.peakUsed() >> 20);
            result("import_heap_peak_after_gc_mb", "%d", heap.peakAfterGc() >> 20);
        }
        result("db_mb_after_import", "%.0f", Files.size(wsDir.resolve("workspace.mv.db")) / 1e6);
    }

    private static void checksChild(Path wsDir, boolean nearOnly) throws Exception {
        HeapWatch heap = HeapWatch.start();
        try (Workspace ws = Workspace.open(wsDir)) {
            DatasetStore store = new DatasetStore(ws);
            long ds = store.findByName("bench").orElseThrow().id();
            CheckSummary near = store.runChecks(ds, CheckOptions.builder().text(false).pii(false).build(),
                    new ProgressPrinter("near-duplicates"), CancellationToken.NONE);
            result("near_dup_check_s", "%.1f", near.elapsed().toNanos() / 1e9);
            result("near_dup_minhash_lsh_s", "%.1f", near.nearDuplicateTime().toNanos() / 1e9);
            result("near_dup_clusters", "%d", near.nearDuplicateClusters());
            result("near_dup_rows", "%d", near.flagCounts().get(dev.modelfactory.ledger.dataset.check.RowFlag.NEAR_DUPLICATE));
            if (nearOnly) {
                return;
            }
            CheckSummary all = store.runChecks(ds, CheckOptions.builder().build(), new ProgressPrinter("all checks"),
                    CancellationToken.NONE);
            result("all_checks_s", "%.1f", all.elapsed().toNanos() / 1e9);
            result("all_checks_flags", "%s", all.flagCounts().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
            result("checks_heap_peak_after_gc_mb", "%d", heap.peakAfterGc() >> 20);
        }
        result("db_mb_after_checks", "%.0f", Files.size(wsDir.resolve("workspace.mv.db")) / 1e6);
    }
}
