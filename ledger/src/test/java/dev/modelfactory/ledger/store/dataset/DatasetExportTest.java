package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetExportTest {

    /** Seven OpenAI rows: plain+tag, system, multi-turn, tools, unicode+comma, blank system, CR LF. */
    private static final String OPENAI = """
            {"messages":[{"role":"user","content":"Hi, \\"you\\""},{"role":"assistant","content":"Hello\\nthere"}],"tags":["greet"]}
            {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"}]}
            {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"},{"role":"assistant","content":"d"}]}
            {"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"sunny"},{"role":"assistant","content":"Sunny."}],"tools":[{"type":"function","function":{"name":"w"}}]}
            {"messages":[{"role":"user","content":"Größe? 日本"},{"role":"assistant","content":"x,y"}]}
            {"messages":[{"role":"system","content":" "},{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}
            {"messages":[{"role":"user","content":"line1\\r\\nline2"},{"role":"assistant","content":"ok"}]}
            """;
    private static final String SHAREGPT = """
            {"conversations":[{"from":"human","value":"Call it"},{"from":"function_call","value":"{\\"name\\": \\"f\\"}"},{"from":"observation","value":"done"},{"from":"gpt","value":"Done."}],"tools":"[{\\"name\\": \\"f\\"}]"}
            """;

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("mixed", "").id();
        load(ds, "o.jsonl", OPENAI, DatasetFormat.OPENAI);
        load(ds, "s.jsonl", SHAREGPT, DatasetFormat.SHAREGPT);
        load(ds, "t.csv", "text\nSome raw text\n", DatasetFormat.CSV);
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(9);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @ParameterizedTest
    @CsvSource({"ALPACA, 5", "SHAREGPT, 7", "OPENAI, 8", "CSV, 3"})
    void exportThenImportGivesTheSameRowHashesAndReportsTheRest(ExportFormat format, int expressible) throws Exception {
        Path out = dir.resolve("out." + format.cliName());
        ExportSummary summary = store.exportWorkingSet(ds, out, ExportOptions.builder(format).build(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(summary.written()).isEqualTo(expressible);
        assertThat(summary.skippedCount()).isEqualTo(9 - expressible);
        assertThat(summary.skipped()).hasSize(9 - expressible).allMatch(s -> !s.reason().isBlank());
        assertThat(summary.sha256()).isEqualTo(sha256(out));

        Set<Long> skippedIds = new HashSet<>(summary.skipped().stream().map(ExportSummary.SkippedRow::rowId).toList());
        List<String> expected = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 100).stream()
                .filter(r -> !skippedIds.contains(r.id())).map(DatasetRow::rowHash).sorted().toList();
        long back = store.create("back-" + format, "").id();
        ImportSummary imported = store.importFile(back, out, ImportOptions.builder().format(format.importFormat()).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(imported.rejectedCount()).isZero();
        List<DatasetRow> rows = store.rows(back, RowFilter.ALL, RowSort.INSERTION, 0, 100);
        assertThat(rows.stream().map(DatasetRow::rowHash).sorted().toList()).isEqualTo(expected);
        assertThat(rows.getFirst().content().tags()).as("working-set exports carry tags").containsExactly("greet");
    }

    @Test
    void alpacaWritesEarlierTurnsAsHistoryAndNamesWhatItCannotExpress() throws Exception {
        Path out = dir.resolve("a.jsonl");
        ExportSummary s = store.exportWorkingSet(ds, out, ExportOptions.builder(ExportFormat.ALPACA).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(Files.readAllLines(out)).contains("{\"instruction\":\"c\",\"input\":\"\",\"output\":\"d\",\"history\":[[\"a\",\"b\"]]}");
        assertThat(s.skipped()).extracting(ExportSummary.SkippedRow::reason).contains(
                "tool definitions have no place in Alpaca; export as sharegpt or openai",
                "a blank system message has no Alpaca form (the import drops it)",
                "a raw-text row has no Alpaca form (instruction/output)");
    }

    @Test
    void aVersionExportsTheSameBytesWhateverHappensToTheDatasetAfterwards() throws Exception {
        store.split(ds, new SplitSpec(0.5, 0.5, 0, 1), false, null);
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        Path first = dir.resolve("v1.jsonl");
        ExportSummary a = store.exportVersion(v, first, ExportOptions.builder(ExportFormat.OPENAI).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        long row = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 1).getFirst().id();
        store.editRow(ds, row, Conversation.of(List.of(Message.of(Role.USER, "new"), Message.of(Role.ASSISTANT, "text"))), null);
        store.addTag(ds, RowSelection.matching(RowFilter.ALL), "later", null);
        store.split(ds, new SplitSpec(0.1, 0.9, 0, 2), false, null);
        ExportSummary b = store.exportVersion(v, dir.resolve("v2.jsonl"), ExportOptions.builder(ExportFormat.OPENAI).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(b.sha256()).isEqualTo(a.sha256());
        assertThat(Files.readString(first)).doesNotContain("\"tags\"").doesNotContain("new");

        ExportSummary train = store.exportVersion(v, dir.resolve("train.jsonl"),
                ExportOptions.builder(ExportFormat.OPENAI).split(Split.TRAIN).build(), ProgressListener.NONE, CancellationToken.NONE);
        ExportSummary validation = store.exportVersion(v, dir.resolve("validation.jsonl"),
                ExportOptions.builder(ExportFormat.OPENAI).split(Split.VALIDATION).build(), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(train.written() + train.skippedCount()).isEqualTo(store.versionRows(v, Split.TRAIN, 0, 100).size());
        assertThat(train.written() + validation.written()).isEqualTo(a.written());
    }

    @Test
    void strictFailureAndCancelLeaveTheTargetAsItWasAndNoTempFile() throws Exception {
        Path out = dir.resolve("keep.csv");
        Files.writeString(out, "old content");
        assertThatThrownBy(() -> store.exportWorkingSet(ds, out, ExportOptions.builder(ExportFormat.CSV).strict(true).build(),
                ProgressListener.NONE, CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be exported as csv");
        assertThatThrownBy(() -> store.exportWorkingSet(ds, out, ExportOptions.builder(ExportFormat.OPENAI).build(),
                ProgressListener.NONE, () -> true)).isInstanceOf(CancellationException.class);
        assertThat(Files.readString(out)).isEqualTo("old content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void pagesOfAVersionExportHandleRunsOfIdenticalRowsLongerThanAPage() throws Exception {
        long many = store.create("many", "").id();
        String same = "{\"instruction\":\"same\",\"output\":\"row\"}\n";
        load(many, "many.jsonl", same.repeat(2_500) + alpacaRows(30), DatasetFormat.ALPACA);
        DatasetVersion v = store.freeze(many, FreezeOptions.DEFAULT);
        Path out = dir.resolve("many.jsonl.out");
        ExportSummary s = store.exportVersion(v, out, ExportOptions.builder(ExportFormat.ALPACA).build(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(s.written()).isEqualTo(2_530);
        long back = store.create("many-back", "").id();
        store.importFile(back, out, ImportOptions.builder().format(DatasetFormat.ALPACA).build(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(hashes(back)).isEqualTo(hashes(many));
    }

    private List<String> hashes(long dataset) {
        List<String> out = new java.util.ArrayList<>();
        for (long offset = 0; ; offset += 10_000) {
            List<DatasetRow> page = store.rows(dataset, RowFilter.ALL, RowSort.INSERTION, offset, 10_000);
            page.forEach(r -> out.add(r.rowHash()));
            if (page.size() < 10_000) {
                return out.stream().sorted().toList();
            }
        }
    }

    private static String alpacaRows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"instruction\":\"q").append(i).append("\",\"output\":\"a").append(i).append("\"}\n");
        }
        return sb.toString();
    }

    private void load(long dataset, String name, String content, DatasetFormat format) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        store.importFile(dataset, file, ImportOptions.builder().format(format).build(), ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
