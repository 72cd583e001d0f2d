package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetQueryTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("demo", "").id();
        // alice allows everything, bob only training, carol (per-row) training and evaluation
        importJsonl("alice.jsonl", "alice", EnumSet.allOf(Use.class), """
                {"instruction":"Capital of France?","output":"Paris","tags":["geo"]}
                {"instruction":"2+2","output":"4","tags":["math","easy"]}
                {"instruction":"A much longer question about the weather in spring","output":"Mild"}
                """);
        importJsonl("bob.jsonl", "bob", EnumSet.of(Use.TRAIN), """
                {"instruction":"capital of  FRANCE?","output":"paris"}
                {"instruction":"2+2","output":"4"}
                {"instruction":"Hi","output":"Hello","who":"carol"}
                """);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void filtersSortsAndPagesWithoutLoadingEverything() {
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(6);
        assertThat(store.count(ds, RowFilter.ALL.withContributor("bob"))).isEqualTo(2);
        assertThat(store.count(ds, RowFilter.ALL.withTag("math"))).isEqualTo(1);
        assertThat(store.count(ds, RowFilter.ALL.withTag("mat"))).as("whole tags only").isZero();
        assertThat(store.count(ds, RowFilter.ALL.withSearch("PARIS"))).isEqualTo(2);
        assertThat(store.count(ds, RowFilter.ALL.withSearch("100%"))).isZero();

        List<DatasetRow> page1 = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 4);
        List<DatasetRow> page2 = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 4, 4);
        assertThat(page1).hasSize(4);
        assertThat(page2).hasSize(2);
        assertThat(page2.getFirst().id()).isGreaterThan(page1.getLast().id());
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.LENGTH_DESC, 0, 1).getFirst().content().messages().getFirst()
                .content()).startsWith("A much longer");
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.CONTRIBUTOR, 0, 6)).extracting(DatasetRow::contributor)
                .containsExactly("alice", "alice", "alice", "bob", "bob", "carol");
    }

    @Test
    void exactDuplicatesAreFoundByNormalisedHashAcrossContributors() {
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(2, 2, 2));
        List<DuplicateGroup> groups = store.duplicateGroups(ds, 0, 10);
        assertThat(groups).hasSize(2);
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.rowIds()).hasSize(2);
            assertThat(g.contributors()).isEqualTo(2);
            assertThat(store.count(ds, RowFilter.ALL.withNormalisedHash(g.normalisedHash()))).isEqualTo(2);
        });
        assertThat(store.count(ds, RowFilter.ALL.withExactDuplicatesOnly(true))).isEqualTo(4);

        // "keep one": reject the later row of each group
        store.setStatus(ds, groups.stream().map(g -> g.rowIds().getLast()).toList(), RowStatus.REJECTED);
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(0, 0, 0));
        assertThat(store.count(ds, RowFilter.ALL.withStatus(RowStatus.REJECTED))).isEqualTo(2);
        assertThat(store.count(ds, RowFilter.ALL.withExactDuplicatesOnly(true))).isZero();
    }

    @Test
    void rowsWhoseContributorDidNotAllowAUseAreCountedPerContributor() {
        UseExclusions commercial = store.exclusions(ds, Use.COMMERCIAL);
        assertThat(commercial.excludedRows()).isEqualTo(3);
        assertThat(commercial.byContributor()).containsExactly(new UseExclusions.ContributorCount("bob", 2),
                new UseExclusions.ContributorCount("carol", 1));
        assertThat(store.exclusions(ds, Use.TRAIN).excludedRows()).isZero();

        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        assertThat(store.exclusions(v, Use.EVAL).byContributor()).containsExactly(
                new UseExclusions.ContributorCount("bob", 2), new UseExclusions.ContributorCount("carol", 1));
        long bobsRow = store.rows(ds, RowFilter.ALL.withContributor("bob"), RowSort.INSERTION, 0, 1).getFirst().id();
        store.setStatus(ds, List.of(bobsRow), RowStatus.REJECTED);
        assertThat(store.exclusions(ds, Use.EVAL).excludedRows()).as("rejected rows are out anyway").isEqualTo(2);
        assertThat(store.exclusions(v, Use.EVAL).excludedRows()).as("the version keeps its rows").isEqualTo(3);
    }

    @Test
    void theV4BackfillOfNormKeyMatchesTheKeyImportsWrite() throws Exception {
        String migration = new String(getClass().getResourceAsStream("/db/migration/V4__dataset_norm_key.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> backfill = java.util.Arrays.stream(migration.replaceAll("--[^\\n]*", "").split(";"))
                .map(String::strip).filter(sql -> sql.contains("norm_key")).filter(sql -> !sql.contains("INDEX"))
                .map(sql -> sql.replace("dataset_row", "backfill_probe")).toList();
        List<String> hashes = List.of("f".repeat(64), "8000000000000000" + "0".repeat(48),
                "7fffffffffffffff" + "0".repeat(48), "0123456789abcdef" + "9".repeat(48), "0".repeat(64));
        List<Long> keys = ws.jdbc().withConnection("run the V4 backfill on a probe table", c -> {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE backfill_probe (id INT, norm_hash CHAR(64))");
                for (int i = 0; i < hashes.size(); i++) {
                    s.execute("INSERT INTO backfill_probe VALUES (" + i + ", '" + hashes.get(i) + "')");
                }
                for (String sql : backfill) {
                    s.execute(sql);
                }
                List<Long> out = new java.util.ArrayList<>();
                try (var rs = s.executeQuery("SELECT norm_key FROM backfill_probe ORDER BY id")) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
        assertThat(keys).containsExactlyElementsOf(hashes.stream().map(DatasetImporter::normKey).toList());
    }

    private void importJsonl(String name, String contributor, EnumSet<Use> uses, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        store.importFile(ds, file, ImportOptions.builder().contributor(contributor).allowedUses(uses)
                        .parse(new ParseOptions(null, "who")).build(), ProgressListener.NONE, CancellationToken.NONE);
    }
}
