package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.SplitSpec;
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
import java.util.function.Supplier;

/**
 * Timing check, not a unit test: imports N tagged rows (default 200,000) into a fresh workspace, then
 * times bulk curation over all of them (tag, undo, redo, reject by filter, stratified split, undo,
 * dedupe), a freeze and exports, and prints peak heap. Run like {@link ImportThroughputMain}:
 * <pre>
 * java -Xmx512m -cp ledger/target/classes:ledger/target/test-classes:$(deps) \
 *     dev.modelfactory.ledger.store.dataset.CurationThroughputMain [rows] [work-folder]
 * </pre>
 */
public final class CurationThroughputMain {

    private CurationThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("curation-bench");
        Files.createDirectories(work);
        Path file = work.resolve("tagged-" + rows + ".jsonl");
        if (!Files.exists(file)) {
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                for (int i = 0; i < rows; i++) {
                    int text = i % 10 == 9 ? i - 9 : i; // every 10th row repeats an earlier one
                    w.write("{\"instruction\":\"Explain item " + text + " in one sentence.\",\"output\":\"Item " + text
                            + " is useful.\",\"tags\":[\"t" + (i % 4) + "\"]}\n");
                }
            }
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (Workspace ws = Workspace.open(work.resolve("ws-" + System.nanoTime()))) {
            DatasetStore store = new DatasetStore(ws);
            long ds = store.create("bench", "").id();
            long t0 = System.nanoTime();
            long imported = store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE,
                    CancellationToken.NONE).imported();
            System.out.printf(Locale.ROOT, "%-32s %,10d rows  %7.2f s%n", "import", imported, (System.nanoTime() - t0) / 1e9);
            RowSelection all = RowSelection.matching(RowFilter.ALL);
            time("tag all rows", () -> store.addTag(ds, all, "reviewed", null).orElseThrow().rowCount());
            time("undo tag", () -> store.undo(ds).orElseThrow().rowCount());
            time("redo tag", () -> store.redo(ds).orElseThrow().rowCount());
            time("reject rows tagged t1", () -> store.setStatus(ds, RowSelection.matching(RowFilter.ALL.withTag("t1")),
                    RowStatus.REJECTED, null).orElseThrow().rowCount());
            time("split 0.8/0.1/0.1 stratified", () -> store.split(ds, new SplitSpec(0.8, 0.1, 0.1, 1), true, null)
                    .orElseThrow().rowCount());
            time("undo split", () -> store.undo(ds).orElseThrow().rowCount());
            time("redo split", () -> store.redo(ds).orElseThrow().rowCount());
            time("reject duplicates", () -> store.rejectDuplicates(ds, true, null).orElseThrow().rowCount());
            time("delete by search", () -> store.delete(ds, RowSelection.matching(RowFilter.ALL.withSearch("item 1")), null)
                    .orElseThrow().rowCount());
            time("undo delete", () -> store.undo(ds).orElseThrow().rowCount());
            DatasetVersion[] v = new DatasetVersion[1];
            time("freeze", () -> (v[0] = store.freeze(ds, FreezeOptions.DEFAULT)).rowCount());
            for (ExportFormat f : ExportFormat.values()) {
                time("export version " + f.cliName(), () -> {
                    try {
                        return store.exportVersion(v[0], work.resolve("out." + f.cliName()), ExportOptions.builder(f).build(),
                                ProgressListener.NONE, CancellationToken.NONE).written();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks): %,d MB, max heap %,d MB%n", peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void time(String what, Supplier<Long> work) {
        long t0 = System.nanoTime();
        long n = work.get();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %,10d rows  %7.2f s  %,12.0f rows/s%n", what, n, s, n / s);
    }
}
