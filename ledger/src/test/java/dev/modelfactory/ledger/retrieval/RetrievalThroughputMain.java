package dev.modelfactory.ledger.retrieval;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Throughput check, not a unit test: imports N generated chat rows (default 100,000; words drawn from a
 * 5,000-word vocabulary with a Zipf-like skew), freezes them, builds the retrieval index and times 200
 * queries of 6 words at k = 4. Prints rows/s of the build, index size and query latency percentiles.
 * <pre>java -cp ledger/target/classes:ledger/target/test-classes:$(deps) \
 *     dev.modelfactory.ledger.retrieval.RetrievalThroughputMain [rows] [work-folder]</pre>
 */
public final class RetrievalThroughputMain {

    private static final int VOCABULARY = 5_000;

    private RetrievalThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("retrieval-bench");
        Files.createDirectories(work);
        SplittableRandom random = new SplittableRandom(7);
        Path file = work.resolve("rows.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                w.write("{\"instruction\":\"" + words(random, 12) + "\",\"output\":\"" + words(random, 40) + "\"}\n");
            }
        }
        try (Workspace ws = Workspace.open(work.resolve("ws-" + System.nanoTime()))) {
            DatasetStore store = new DatasetStore(ws);
            long ds = store.create("bench", "").id();
            store.importFile(ds, file, ImportOptions.builder().contributor("bench").build(), ProgressListener.NONE,
                    CancellationToken.NONE);
            DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
            Path folder = work.resolve("index");
            long t0 = System.nanoTime();
            RetrievalIndexSummary s = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
            double build = (System.nanoTime() - t0) / 1e9;
            long bytes;
            try (Stream<Path> files = Files.list(folder)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "indexed %,d rows in %.1f s (%,.0f rows/s, reading rows included); index %,d MB%n",
                    s.rowsIndexed(), build, s.rowsIndexed() / build, bytes >> 20);
            try (RetrievalSearcher searcher = RetrievalSearcher.open(folder, v.root())) {
                for (int i = 0; i < 50; i++) {
                    searcher.search(words(random, 6), 4); // warm up
                }
                long[] nanos = new long[200];
                for (int i = 0; i < nanos.length; i++) {
                    String q = words(random, 6);
                    long q0 = System.nanoTime();
                    searcher.search(q, 4);
                    nanos[i] = System.nanoTime() - q0;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "query (6 words, k 4): median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                        nanos[100] / 1e6, nanos[190] / 1e6, nanos[199] / 1e6);
            }
        }
    }

    /** {@code n} words "w123", word i drawn with weight about 1 / (i + 1). */
    private static String words(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = (int) Math.floor(Math.pow(VOCABULARY + 1, r.nextDouble())) - 1;
            b.append(i == 0 ? "" : " ").append("w").append(w);
        }
        return b.toString();
    }
}
