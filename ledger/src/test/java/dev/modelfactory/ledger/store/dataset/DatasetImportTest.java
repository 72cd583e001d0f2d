package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.ColumnMapping;
import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImportTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("demo", "a test set").id();
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void importsGoodRowsWithTermsAndSourceAndReportsRejectsAndInFileDuplicates() throws Exception {
        Path file = Files.writeString(dir.resolve("a.jsonl"), """
                {"instruction":"Add","input":"2+2","output":"4","tags":["math","easy"]}
                {"instruction":"add","input":"2+2 ","output":"4"}
                {"instruction":"no output"}
                {"instruction":"Hi","output":"Hello"}
                """);
        ImportSummary summary = store.importFile(ds, file, ImportOptions.builder().contributor("0xABCDEF0123456789abcdef0123456789ABCDEF01")
                .licence("CC-BY-4.0").allowedUses(EnumSet.of(Use.TRAIN, Use.COMMERCIAL)).build(),
                ProgressListener.NONE, CancellationToken.NONE);

        assertThat(summary.format()).isEqualTo(DatasetFormat.ALPACA);
        assertThat(summary.imported()).isEqualTo(3);
        assertThat(summary.rejectedCount()).isEqualTo(1);
        assertThat(summary.rejected()).singleElement().hasToString(file + ":3: missing required field 'output'");
        assertThat(summary.duplicatesInFile()).isEqualTo(1);
        assertThat(summary.completed()).isTrue();
        assertThat(summary.rowsPerSecond()).isPositive();

        List<DatasetRow> rows = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 10);
        assertThat(rows).hasSize(3);
        DatasetRow first = rows.getFirst();
        Conversation expected = new Conversation(List.of(Message.of(Role.USER, "Add\n\n2+2"),
                Message.of(Role.ASSISTANT, "4")), null, null, List.of("math", "easy"));
        assertThat(first.content()).isEqualTo(expected);
        assertThat(first.rowHash()).isEqualTo(RowHash.of(expected));
        assertThat(first.normalisedHash()).isEqualTo(rows.get(1).normalisedHash());
        assertThat(first.contributor()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
        assertThat(first.licence()).isEqualTo("CC-BY-4.0");
        assertThat(first.allowedUses()).containsExactlyInAnyOrder(Use.TRAIN, Use.COMMERCIAL);
        assertThat(first.status()).isEqualTo(RowStatus.PENDING);
        assertThat(first.split()).isNull();
        assertThat(first.tokenCount()).isNull();
        assertThat(rows).extracting(r -> r.source().line()).containsExactly(1L, 2L, 4L);
        assertThat(first.source().file()).isEqualTo(file.toString());
    }

    @Test
    void skipsInFileDuplicatesWhenAsked() throws Exception {
        Path file = Files.writeString(dir.resolve("d.jsonl"), """
                {"instruction":"A","output":"b"}
                {"instruction":" a ","output":"B"}
                """);
        ImportSummary s = store.importFile(ds, file, ImportOptions.builder().skipDuplicatesInFile(true).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.duplicatesInFile()).isEqualTo(1);
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(1);
    }

    @Test
    void perRowContributorsFromACsvColumnAndAFolderKeepsRelativeFileNames() throws Exception {
        Path csv = Files.writeString(dir.resolve("c.csv"), "q,a,who\nx,y,alice\nz,w,\nbad,row,0x12\n");
        ImportSummary s = store.importFile(ds, csv, ImportOptions.builder().contributor("team")
                .parse(new ParseOptions(new ColumnMapping("q", null, "a", null, null, null), "who")).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(s.format()).isEqualTo(DatasetFormat.CSV);
        assertThat(s.rejected()).singleElement().extracting(r -> r.reason()).asString().startsWith("invalid contributor");
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 10)).extracting(DatasetRow::contributor)
                .containsExactly("alice", "team");

        Path folder = Files.createDirectories(dir.resolve("texts/sub"));
        Files.writeString(folder.resolve("one.md"), "# one");
        store.importFile(ds, folder.getParent(), ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.INSERTION_DESC, 0, 1)).singleElement()
                .satisfies(r -> assertThat(r.source().file()).isEqualTo("sub/one.md"))
                .satisfies(r -> assertThat(r.content()).isEqualTo(Conversation.ofText("# one")));
    }

    @Test
    void aCancelledImportKeepsWholeBatchesOnlyAndSaysSo() throws Exception {
        Path file = writeAlpaca(dir.resolve("big.jsonl"), 10_000);
        AtomicLong checks = new AtomicLong();
        CancellationToken cancelMidBatch = () -> checks.incrementAndGet() > 5_500;

        assertThatThrownBy(() -> store.importFile(ds, file, ImportOptions.builder().batchSize(1_000).build(),
                ProgressListener.NONE, cancelMidBatch))
                .isInstanceOfSatisfying(ImportCancelledException.class, e -> {
                    assertThat(e.summary().imported()).isEqualTo(5_000);
                    assertThat(e.summary().completed()).isFalse();
                });
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(5_000).matches(n -> n % 1_000 == 0);

        ImportSummary all = store.importFile(ds, file, ImportOptions.builder().batchSize(1_000).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(all.imported()).isEqualTo(10_000);
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(15_000);
    }

    @Test
    void progressReportsBytesUpToTheFileSize() throws Exception {
        Path file = writeAlpaca(dir.resolve("p.jsonl"), 3_000);
        AtomicLong last = new AtomicLong(-1);
        long size = Files.size(file);
        store.importFile(ds, file, ImportOptions.builder().build(), (done, total) -> {
            assertThat(total).isEqualTo(size);
            assertThat(done).isGreaterThanOrEqualTo(last.get());
            last.set(done);
        }, CancellationToken.NONE);
        assertThat(last.get()).isEqualTo(Files.size(file));
    }

    @Test
    void refusesAnUnknownDatasetOrAnUndetectableFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "[{\"foo\":1}]");
        assertThatThrownBy(() -> store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE,
                CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot tell the format");
        assertThatThrownBy(() -> store.importFile(999, file, ImportOptions.builder().build(), ProgressListener.NONE,
                CancellationToken.NONE)).hasMessageContaining("no dataset with id 999");
        assertThatThrownBy(() -> store.create("demo", "")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> ImportOptions.builder().contributor("0xnothex").build()).hasMessageContaining("0x + 40 hex");
    }

    static Path writeAlpaca(Path file, int rows) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                w.write("{\"instruction\":\"Question " + i + "\",\"input\":\"\",\"output\":\"Answer " + i + "\"}\n");
            }
        }
        return file;
    }
}
