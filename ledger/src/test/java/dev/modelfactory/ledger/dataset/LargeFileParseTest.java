package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses 200,000-record files through a sink that keeps nothing: the parsers hold one record at a
 * time, so this passes in the test JVM's default heap whatever the file size (no timing asserted).
 */
class LargeFileParseTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void streamsAJsonlFileOf200kRows() throws Exception {
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < ROWS; i++) {
                w.write("{\"instruction\":\"Question " + i + "\",\"input\":\"\",\"output\":\"Answer " + i + "\"}\n");
            }
        }
        assertThat(count(file)).isEqualTo(ROWS);
    }

    @Test
    void streamsAJsonArrayOf200kRowsWithoutLoadingTheArray() throws Exception {
        Path file = dir.resolve("big.json");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[\n");
            for (int i = 0; i < ROWS; i++) {
                w.write((i == 0 ? "" : ",\n") + "{\"instruction\":\"Q" + i + "\",\"output\":\"A" + i + "\"}");
            }
            w.write("\n]\n");
        }
        assertThat(count(file)).isEqualTo(ROWS);
    }

    private static long count(Path file) throws Exception {
        AtomicLong rows = new AtomicLong();
        AtomicLong lastProgress = new AtomicLong();
        RowParser.of(DatasetFormat.ALPACA, ParseOptions.DEFAULT).parse(file, new RowSink() {
            @Override
            public void accept(ParsedRow row) {
                rows.incrementAndGet();
            }

            @Override
            public void reject(RejectedRow rejected) {
                throw new AssertionError(rejected.toString());
            }
        }, (done, total) -> {
            assertThat(done).isGreaterThanOrEqualTo(lastProgress.get()).isLessThanOrEqualTo(total);
            lastProgress.set(done);
        });
        assertThat(lastProgress.get()).isEqualTo(Files.size(file));
        return rows.get();
    }
}
