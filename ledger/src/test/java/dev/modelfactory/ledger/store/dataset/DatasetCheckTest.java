package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.check.PiiKind;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCheckTest {

    private static final String LONG = "The committee met on Tuesday to review the annual budget and agreed that the new library"
            + " should open in the spring after the final inspection of the building by the city engineers";

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("checks", "").id();
        importJsonl("alice.jsonl", "alice", """
                {"instruction":"Capital of France?","output":"The capital of France is Paris.","tags":["geo"]}
                {"instruction":"Summarise the meeting","output":"%s."}
                {"instruction":"Contact","output":"Write to jane.doe@example.com or call +1 (415) 555-2671."}
                {"instruction":"Card","output":"Use 4111 1111 1111 1111 and key AKIAIOSFODNN7EXAMPLE."}
                {"instruction":"Say nothing","output":"   "}
                {"instruction":"Explain photosynthesis","output":"Plants turn light into energy. They store it as sug"}
                {"instruction":"Dump","output":"%%%%%%%% ######## @@@@@@@@ !!!!!!!! ^^^^^^^^"}
                {"instruction":"Hi","output":"Hello there, how are you today?","tags":["chat","easy"]}
                """.formatted(LONG));
        importJsonl("bob.jsonl", "bob", """
                {"instruction":"capital of  FRANCE?","output":"the capital of france is paris."}
                {"instruction":"Summarise the meeting","output":"%s, as planned."}
                """.formatted(LONG));
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private void importJsonl(String name, String contributor, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        store.importFile(ds, file, ImportOptions.builder().contributor(contributor).build(), ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private CheckSummary check() {
        return store.runChecks(ds, CheckOptions.builder().tokenLimits(5, 40).build(), ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private long flagged(RowFlag flag) {
        return store.count(ds, RowFilter.ALL.withFlag(flag));
    }

    private DatasetRow only(RowFilter f) {
        List<DatasetRow> rows = store.rows(ds, f, RowSort.INSERTION, 0, 10);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void everyCheckFlagsItsRowsAndCountsAgree() {
        CheckSummary s = check();
        assertThat(s.rowsChecked()).isEqualTo(10);
        assertThat(flagged(RowFlag.EXACT_DUPLICATE)).isEqualTo(2);
        assertThat(flagged(RowFlag.CROSS_CONTRIBUTOR_DUPLICATE)).isEqualTo(2);
        assertThat(flagged(RowFlag.EMPTY_OUTPUT)).isEqualTo(1);
        assertThat(only(RowFilter.ALL.withFlag(RowFlag.TRUNCATED_OUTPUT)).content().messages().getLast().content()).endsWith("sug");
        assertThat(only(RowFilter.ALL.withFlag(RowFlag.MOSTLY_NON_TEXT)).content().messages().getFirst().content()).isEqualTo("Dump");
        assertThat(flagged(RowFlag.TOO_LONG)).as("the two long meeting rows").isEqualTo(2);
        assertThat(only(RowFilter.ALL.withFlag(RowFlag.TOO_SHORT))).as("\"Say nothing\" and a blank reply: 3 tokens")
                .isEqualTo(only(RowFilter.ALL.withFlag(RowFlag.EMPTY_OUTPUT)));
        assertThat(flagged(RowFlag.PII)).isEqualTo(2);
        assertThat(flagged(RowFlag.PII_EMAIL)).isEqualTo(1);
        assertThat(flagged(RowFlag.PII_PHONE)).isEqualTo(1);
        assertThat(flagged(RowFlag.PII_CREDIT_CARD)).isEqualTo(1);
        assertThat(flagged(RowFlag.PII_SECRET)).isEqualTo(1);
        assertThat(flagged(RowFlag.PII_IBAN)).isZero();
        assertThat(store.count(ds, RowFilter.ALL.withFlag(RowFlag.PII).withFlag(RowFlag.PII_EMAIL).withContributor("alice"))).isEqualTo(1);
        assertThat(store.count(ds, RowFilter.ALL.withAnyFlag(EnumSet.of(RowFlag.EMPTY_OUTPUT, RowFlag.MOSTLY_NON_TEXT)))).isEqualTo(2);
        Map<RowFlag, Long> counts = store.flagCounts(ds, RowFilter.ALL);
        for (RowFlag f : RowFlag.values()) {
            assertThat(counts.get(f)).as(f.name()).isEqualTo(flagged(f)).isEqualTo(s.flagCounts().get(f));
        }
        assertThat(store.count(ds, RowFilter.ALL.withTokens(null, null))).isEqualTo(10);
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.TOKENS_DESC, 0, 1).getFirst().tokenCount()).isGreaterThan(40);
    }

    @Test
    void piiSpansPointAtTheMatchedText() {
        check();
        DatasetRow row = only(RowFilter.ALL.withFlag(RowFlag.PII_EMAIL));
        String reply = row.content().messages().get(1).content();
        List<PiiSpan> spans = store.piiSpans(row.id());
        assertThat(spans).extracting(PiiSpan::kind).containsExactly(PiiKind.EMAIL, PiiKind.PHONE);
        assertThat(spans).allMatch(sp -> sp.field() == 1);
        assertThat(reply.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("jane.doe@example.com");
        assertThat(reply.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("+1 (415) 555-2671");
    }

    @Test
    void nearDuplicatesFormAClusterAndKeepOneRejectsTheOthers() {
        CheckSummary s = check();
        List<NearDuplicateCluster> clusters = store.nearDuplicateClusters(ds, 0, 10);
        // the meeting rows (one clause added) and the France rows (exact duplicates are near ones too)
        assertThat(s.nearDuplicateClusters()).isEqualTo(2);
        assertThat(clusters).hasSize(2).allMatch(c -> c.size() == 2 && c.contributors() == 2);
        NearDuplicateCluster meeting = clusters.stream().filter(c -> store.rows(ds, RowFilter.ALL.withNearDuplicateCluster(
                c.clusterId()), RowSort.INSERTION, 0, 10).getFirst().content().messages().getFirst().content()
                .startsWith("Summarise")).findFirst().orElseThrow();
        List<DatasetRow> members = store.rows(ds, RowFilter.ALL.withNearDuplicateCluster(meeting.clusterId()), RowSort.INSERTION, 0, 10);
        assertThat(members).hasSize(2);
        assertThat(members.getFirst().id()).isEqualTo(meeting.clusterId());
        Map<Long, Double> sim = store.nearDuplicateSimilarities(ds, meeting.clusterId(), 3);
        assertThat(sim.get(members.get(0).id())).isEqualTo(1.0);
        assertThat(sim.get(members.get(1).id())).isBetween(0.8, 0.99);

        assertThat(store.keepOneOfCluster(ds, meeting.clusterId(), members.get(1).id())).isEqualTo(1);
        assertThat(store.count(ds, RowFilter.ALL.withStatus(RowStatus.REJECTED))).isEqualTo(1);
        assertThat(only(RowFilter.ALL.withStatus(RowStatus.REJECTED)).id()).isEqualTo(members.get(0).id());
        assertThatThrownBy(() -> store.keepOneOfCluster(ds, meeting.clusterId(), 999_999)).hasMessageContaining("not in");

        check();
        assertThat(store.nearDuplicateClusters(ds, 0, 10)).as("rejected rows leave clusters").hasSize(1);
        assertThat(flagged(RowFlag.NEAR_DUPLICATE)).isEqualTo(2);
    }

    @Test
    void keepOneOfExactDuplicatesAndTheDuplicateFlagFollowsStatus() {
        check();
        DatasetRow first = store.rows(ds, RowFilter.ALL.withFlag(RowFlag.EXACT_DUPLICATE), RowSort.INSERTION, 0, 10).getFirst();
        assertThat(store.keepOneOfDuplicates(ds, first.normalisedHash(), first.id())).isEqualTo(1);
        assertThat(store.count(ds, RowFilter.ALL.withExactDuplicatesOnly(true))).isZero();
        check();
        assertThat(flagged(RowFlag.EXACT_DUPLICATE)).isZero();
        assertThat(flagged(RowFlag.CROSS_CONTRIBUTOR_DUPLICATE)).isZero();
    }

    @Test
    void flagsAndClustersSurviveReopening() throws Exception {
        CheckSummary s = check();
        ws.close();
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        assertThat(store.flagCounts(ds, RowFilter.ALL)).isEqualTo(s.flagCounts());
        assertThat(store.nearDuplicateClusters(ds, 0, 10)).hasSize(2);
        assertThat(store.piiSpans(only(RowFilter.ALL.withFlag(RowFlag.PII_SECRET)).id())).extracting(PiiSpan::kind)
                .containsExactly(PiiKind.CREDIT_CARD, PiiKind.SECRET);
    }

    @Test
    void aLeftOutCheckKeepsItsFlagsAndACancelStopsBetweenPages() {
        check();
        store.runChecks(ds, CheckOptions.builder().pii(false).nearDuplicates(false).tokenLimits(0, 0).build(),
                ProgressListener.NONE, CancellationToken.NONE);
        assertThat(flagged(RowFlag.PII)).isEqualTo(2);
        assertThat(flagged(RowFlag.NEAR_DUPLICATE)).isEqualTo(4);
        assertThat(flagged(RowFlag.TOO_LONG)).as("limits off").isZero();
        assertThatThrownBy(() -> store.runChecks(ds, CheckOptions.builder().build(), ProgressListener.NONE, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void chartAggregates() {
        check();
        store.assignSplits(ds, new SplitSpec(0.5, 0.5, 0.0, 7));
        TokenHistogram h = store.tokenHistogram(ds, RowFilter.ALL, 5);
        assertThat(h.bins()).hasSizeBetween(1, 5);
        assertThat(h.bins().stream().mapToLong(TokenHistogram.Bin::rows).sum()).isEqualTo(10);
        assertThat(h.uncounted()).isZero();
        for (int i = 1; i < h.bins().size(); i++) {
            assertThat(h.bins().get(i).from()).isEqualTo(h.bins().get(i - 1).to());
        }
        assertThat(store.rowsPerContributor(ds, RowFilter.ALL, 10)).containsExactly(new CategoryCount("alice", 8),
                new CategoryCount("bob", 2));
        assertThat(store.rowsPerTag(ds, RowFilter.ALL, 10)).containsExactly(new CategoryCount(null, 8),
                new CategoryCount("chat", 1), new CategoryCount("easy", 1), new CategoryCount("geo", 1));
        assertThat(store.rowsPerSplit(ds, RowFilter.ALL).stream().mapToLong(CategoryCount::rows).sum()).isEqualTo(10);
        assertThat(store.rowsPerSplit(ds, RowFilter.ALL)).extracting(CategoryCount::name).doesNotContainNull();
        assertThat(store.tokenHistogram(store.create("empty", "").id(), RowFilter.ALL, 5).bins()).isEmpty();
    }
}
