package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Throughput check, not a unit test: generates an Alpaca JSONL of N rows (default 1,000,000), imports
 * it into a fresh workspace and prints rows/s and peak heap. Run with the heap the issue sets:
 * <pre>
 * java -Xmx512m -cp ledger/target/classes:ledger/target/test-classes:$(deps) \
 *     dev.modelfactory.ledger.store.dataset.ImportThroughputMain [rows] [work-folder]
 * </pre>
 * Peak heap is the sum of the heap pools' peak usage as the JVM tracks it (an upper bound on the live
 * heap, since it includes garbage not yet collected).
 */
public final class ImportThroughputMain {

    private ImportThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("import-bench");
        Files.createDirectories(work);
        Path file = work.resolve("alpaca-" + rows + ".jsonl");
        if (!Files.exists(file)) {
            generate(file, rows);
        }
        System.out.printf(Locale.ROOT, "file: %s (%,d bytes, %,d rows), max heap %,d MB%n", file, Files.size(file), rows,
                Runtime.getRuntime().maxMemory() >> 20);
        Path wsDir = work.resolve("ws-" + System.nanoTime());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (Workspace ws = Workspace.open(wsDir)) {
            DatasetStore store = new DatasetStore(ws);
            long ds = store.create("bench", "").id();
            long t0 = System.nanoTime();
            ImportSummary s = store.importFile(ds, file, ImportOptions.builder().contributor("bench").batchSize(Integer.getInteger("batch", ImportOptions.DEFAULT_BATCH_SIZE)).build(),
                    ProgressListener.NONE, CancellationToken.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "imported %,d rows, rejected %,d, duplicates in file %,d in %.1f s: %,.0f rows/s%n",
                    s.imported(), s.rejectedCount(), s.duplicatesInFile(), seconds, s.imported() / seconds);
            System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks): %,d MB; heap used after a GC: %,d MB%n",
                    peakHeap() >> 20, usedAfterGc() >> 20);
            System.out.printf(Locale.ROOT, "process CPU time: %.1f s (%,.0f rows per CPU-second)%n", cpuSeconds(),
                    s.imported() / cpuSeconds());
            System.out.printf(Locale.ROOT, "database file: %,d MB%n", Files.size(wsDir.resolve("workspace.mv.db")) >> 20);
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static void generate(Path file, int rows) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                w.write("{\"instruction\":\"Explain item " + i + " of the catalogue in one sentence.\",\"input\":\""
                        + (i % 3 == 0 ? "Context for item " + i : "") + "\",\"output\":\"Item " + i
                        + " is a thing that does something useful for somebody, described here.\"}\n");
            }
        }
    }
}
