package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.TrainingRefs;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The span service end to end on the starter kit's rows: a workspace with the starter base model and one
 * dataset of ROWS rows (the starter kit's four JSONL files cycled, every copy after the first numbered so
 * rows stay distinct), frozen; then the index build split into reading + tokenising rows and the suffix
 * array + write, and queries of starter-kit style outputs.
 * <pre>java -cp ... dev.modelfactory.app.attribution.SpanServiceBench STARTER_DIR [ROWS]</pre>
 */
public final class SpanServiceBench {

    private SpanServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path starter = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(starter.resolve("datasets"))) {
            for (Path f : s.sorted().toList()) {
                lines.addAll(Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        Path dir = Files.createTempDirectory("spanservicebench");
        Path jsonl = dir.resolve("rows.jsonl");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            String line = lines.get(i % lines.size());
            int copy = i / lines.size();
            b.append(copy == 0 ? line : line.replaceFirst("\"instruction\":\"", "\"instruction\":\"(" + copy + ") "))
                    .append('\n');
        }
        Files.writeString(jsonl, b);
        try (Workspace ws = Workspace.open(dir.resolve("ws")); SpanIndexService spans = new SpanIndexService(ws)) {
            String model = TrainingRefs.model(ws, starter.resolve("starter-base.gguf").toString()).id();
            DatasetStore store = new DatasetStore(ws);
            long id = store.create("bench", "starter rows").id();
            long t0 = System.nanoTime();
            store.importFile(id, jsonl, ImportOptions.builder().format(DatasetFormat.ALPACA).contributor("bench")
                    .licence("CC-BY-4.0").allowedUses(Set.of(Use.TRAIN)).build(), ProgressListener.NONE,
                    CancellationToken.NONE);
            String root = store.freeze(id, new FreezeOptions("v1", null)).root();
            System.out.printf(Locale.ROOT, "import+freeze of %d rows: %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            long[] rowsDoneAt = {0};
            t0 = System.nanoTime();
            long start = t0;
            SpanIndexInfo info = spans.index(model, root, (d, t) -> {
                if (d == rows && rowsDoneAt[0] == 0) {
                    rowsDoneAt[0] = System.nanoTime();
                }
            }, CancellationToken.NONE);
            long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "RESULT rows=%d documents=%d tokens=%d read_tokenise_s=%.2f"
                    + " suffix_array_write_s=%.2f total_s=%.2f file_KiB=%d%n", info.rows(), info.documents(),
                    info.tokens(), (rowsDoneAt[0] - start) / 1e9, (end - rowsDoneAt[0]) / 1e9, (end - start) / 1e9,
                    Files.size(info.file()) >> 10);
            String[] outputs = {"Answer with the exact phrase from the story.", "{\"subject\": \"the cat\", \"verb\":"
                + " \"sat\"}", "eighty-three thousand and eight", "It is four hundred and ninety-four, I think."};
            long[] times = new long[200];
            SpanReport last = null;
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                last = spans.spans(model, root, outputs[i % outputs.length]);
                times[i] = System.nanoTime() - s;
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "RESULT query_p50_ms=%.2f query_p99_ms=%.2f%n", times[100] / 1e6,
                    times[198] / 1e6);
            for (SpanHit h : last.spans()) {
                System.out.printf(Locale.ROOT, "  span [%d,%d) '%s' tokens=%d occurrences=%d rows=%d first: %s%n",
                        h.charStart(), h.charEnd(), last.text().substring(h.charStart(), h.charEnd()), h.tokenLength(),
                        h.occurrences(), h.rowsTotal(), h.rows().isEmpty() ? "" : h.rows().getFirst().snippet());
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
