package dev.modelfactory.ledger.store.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalStoreTest {

    private static final String TASKS = "[{\"name\":\"t\",\"items\":[{\"id\":\"1\"},{\"id\":\"2\"}]}]";
    private static final String MODEL = "a".repeat(64);
    private static final String ADAPTER = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void theSameContentKeepsItsVersionAndChangedContentIsTheNext() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            EvalStore store = new EvalStore(ws);
            SuiteRecord v1 = store.saveSuite(new NewSuite("qa", "questions", TASKS, 1, 2));
            assertThat(v1.version()).isEqualTo(1);
            assertThat(store.saveSuite(new NewSuite("qa", "questions", TASKS, 1, 2))).isEqualTo(v1);
            SuiteRecord v2 = store.saveSuite(new NewSuite("qa", "questions", TASKS.replace("\"2\"", "\"3\""), 1, 2));
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.contentHash()).isNotEqualTo(v1.contentHash());
            // Saving version 1's content again finds version 1, not a third version.
            assertThat(store.saveSuite(new NewSuite("qa", "questions", TASKS, 1, 2))).isEqualTo(v1);
            SuiteRecord other = store.saveSuite(new NewSuite("other", "", TASKS, 1, 2));
            assertThat(other.version()).isEqualTo(1);
            assertThat(store.latestSuite("qa")).contains(v2);
            assertThat(store.suites()).hasSize(3);
        }
        try (Workspace ws = Workspace.open(dir)) {
            SuiteRecord reopened = new EvalStore(ws).suite("qa", 1).orElseThrow();
            assertThat(reopened.tasksJson()).isEqualTo(TASKS);
            assertThat(reopened.description()).isEqualTo("questions");
            assertThat(reopened.tasks()).isEqualTo(1);
            assertThat(reopened.items()).isEqualTo(2);
            assertThat(new EvalStore(ws).suite("qa", 7)).isEmpty();
        }
    }

    @Test
    void aRunAndItsOutputsSurviveReopening() throws Exception {
        Instant start = Instant.parse("2026-01-02T03:04:05Z");
        long id;
        List<StoredOutput> outputs = List.of(
                new StoredOutput("base", "t", "1", "no", Map.of("exact_match", 0.0, "token_f1", 0.25), 0),
                new StoredOutput("base", "t", "2", "yes", Map.of("exact_match", 1.0, "token_f1", 1.0), 0),
                new StoredOutput("tuned", "t", "1", "yes ünïcode", Map.of("exact_match", 1.0, "token_f1", 1.0), 0),
                new StoredOutput("tuned", "t", "2", "", Map.of("loss", 2.5), 7));
        List<SystemRef> systems = List.of(SystemRef.base("base"), new SystemRef("tuned", "/tmp/a", ADAPTER));
        try (Workspace ws = Workspace.open(dir)) {
            EvalStore store = new EvalStore(ws);
            store.saveSuite(new NewSuite("qa", "", TASKS, 1, 2));
            EvalRunRecord r = store.saveRun(new NewEvalRun("qa", 1, "tiny", MODEL, "{\"maxTokens\":8}", systems,
                    start, start.plusSeconds(3)), outputs);
            id = r.id();
            assertThat(r.outputs()).isEqualTo(4);
        }
        try (Workspace ws = Workspace.open(dir)) {
            EvalStore store = new EvalStore(ws);
            EvalRunRecord r = store.run(id).orElseThrow();
            assertThat(r.suiteName()).isEqualTo("qa");
            assertThat(r.suiteVersion()).isEqualTo(1);
            assertThat(r.modelName()).isEqualTo("tiny");
            assertThat(r.modelHash()).isEqualTo(MODEL);
            assertThat(r.decodingJson()).isEqualTo("{\"maxTokens\":8}");
            assertThat(r.systems()).isEqualTo(systems);
            assertThat(r.startedAt()).isEqualTo(start);
            assertThat(r.finishedAt()).isEqualTo(start.plusSeconds(3));
            assertThat(store.outputs(id)).containsExactlyElementsOf(outputs);
            assertThat(store.runs()).containsExactly(r);
        }
    }

    @Test
    void aRunWhoseOutputsFailHalfwayStoresNothing() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            EvalStore store = new EvalStore(ws);
            store.saveSuite(new NewSuite("qa", "", TASKS, 1, 2));
            NewEvalRun run = new NewEvalRun("qa", 1, "tiny", MODEL, "{}", List.of(SystemRef.base("base")),
                    Instant.now(), Instant.now().plusSeconds(1));
            // Passes the checks, then fails while the outputs are written: after the run row and two outputs.
            List<StoredOutput> failing = new AbstractList<>() {
                private int reads;

                @Override
                public StoredOutput get(int i) {
                    if (++reads > size() + 2) {
                        throw new IllegalStateException("disk gone");
                    }
                    return new StoredOutput("base", "t", Integer.toString(i), "x", Map.of("exact_match", 1.0), 0);
                }

                @Override
                public int size() {
                    return 4;
                }
            };
            assertThatThrownBy(() -> store.saveRun(run, failing)).hasMessageContaining("disk gone");
            assertThat(store.runs()).isEmpty();
            // A missing suite version is refused before anything is written.
            assertThatThrownBy(() -> store.saveRun(new NewEvalRun("qa", 2, "tiny", MODEL, "{}",
                    List.of(SystemRef.base("base")), Instant.now(), Instant.now()), List.of()))
                    .hasMessageContaining("no suite qa@2");
            EvalRunRecord ok = store.saveRun(run, List.of(new StoredOutput("base", "t", "1", "x", Map.of(), 0)));
            assertThat(store.runs()).containsExactly(ok);
            assertThat(store.outputs(ok.id())).hasSize(1);
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            EvalStore store = new EvalStore(ws);
            assertThatThrownBy(() -> new NewSuite("qa", "", "[{\"name\":", 1, 1))
                    .hasMessageContaining("tasksJson").hasMessageContaining("not JSON");
            assertThatThrownBy(() -> new NewSuite(" ", "", TASKS, 1, 1)).hasMessageContaining("name");
            assertThatThrownBy(() -> new NewSuite("qa", "", "[] []", 1, 1)).hasMessageContaining("more than one");
            assertThatThrownBy(() -> new NewEvalRun("qa", 1, "tiny", "XYZ", "{}", List.of(SystemRef.base("b")),
                    Instant.now(), Instant.now())).hasMessageContaining("modelHash");
            assertThatThrownBy(() -> new NewEvalRun("qa", 1, "tiny", MODEL, "{}", List.of(SystemRef.base("b"),
                    SystemRef.base("b")), Instant.now(), Instant.now())).hasMessageContaining("two systems labelled b");
            assertThatThrownBy(() -> new SystemRef("a", "/x", null)).hasMessageContaining("go together");
            assertThatThrownBy(() -> new StoredOutput("b", "t", "1", "", Map.of("loss", Double.NaN), 0))
                    .hasMessageContaining("item 1 of t").hasMessageContaining("loss");

            store.saveSuite(new NewSuite("qa", "", TASKS, 1, 2));
            NewEvalRun run = new NewEvalRun("qa", 1, "tiny", MODEL, "{}", List.of(SystemRef.base("base")),
                    Instant.now(), Instant.now());
            assertThatThrownBy(() -> store.saveRun(run, List.of(new StoredOutput("nobody", "t", "1", "", Map.of(), 0))))
                    .hasMessageContaining("system nobody");
            StoredOutput one = new StoredOutput("base", "t", "1", "", Map.of(), 0);
            assertThatThrownBy(() -> store.saveRun(run, List.of(one, one))).hasMessageContaining("two for system base");
            assertThat(store.runs()).isEmpty();
        }
    }
}
