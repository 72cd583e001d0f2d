package dev.modelfactory.ledger.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSeriesStoreTest {

    private static final String CONFIG = "{\"epochs\":1}";

    @TempDir
    Path dir;

    private static NewRun spec() {
        return new NewRun("r", "a".repeat(64), "ds", "b".repeat(64), CONFIG, RunStore.sha256(CONFIG), 1, "0.1", "cpu");
    }

    private static SeriesPoint train(SeriesKind kind, String key, long step, double loss, long tokens) {
        return new SeriesPoint(kind, key, step, OptionalDouble.of(loss), tokens, OptionalDouble.empty(), 0);
    }

    @Test
    void seriesAndPointsSurviveReopeningInOrderAndARepeatedStepReplacesItsPoint() throws Exception {
        long id;
        try (Workspace ws = Workspace.open(dir)) {
            id = new RunStore(ws).start(spec()).id();
            RunSeriesStore store = new RunSeriesStore(ws);
            store.define(id, List.of(new RunSeries(SeriesKind.CONTRIBUTOR, RunSeries.OTHERS, 50, 5),
                    new RunSeries(SeriesKind.CONTRIBUTOR, "alice", 10, 2),
                    new RunSeries(SeriesKind.CONTRIBUTOR, "bob", 30, 3),
                    new RunSeries(SeriesKind.TAG, "math", 7, 1)));
            store.record(id, List.of(train(SeriesKind.CONTRIBUTOR, "alice", 1, 3.0, 40),
                    train(SeriesKind.CONTRIBUTOR, "bob", 1, 2.5, 90), train(SeriesKind.TAG, "math", 1, 1.5, 9)));
            store.record(id, List.of(new SeriesPoint(SeriesKind.CONTRIBUTOR, "alice", 2, OptionalDouble.of(2.0), 44,
                    OptionalDouble.of(2.2), 12)));
            store.record(id, List.of(train(SeriesKind.CONTRIBUTOR, "alice", 2, 1.9, 44))); // resumed: step 2 again
        }
        try (Workspace ws = Workspace.open(dir)) {
            RunSeriesStore store = new RunSeriesStore(ws);
            assertThat(store.series(id)).extracting(RunSeries::key).containsExactly("bob", "alice", RunSeries.OTHERS,
                    "math");
            assertThat(store.points(id)).containsExactly(train(SeriesKind.CONTRIBUTOR, "alice", 1, 3.0, 40),
                    train(SeriesKind.CONTRIBUTOR, "alice", 2, 1.9, 44), train(SeriesKind.CONTRIBUTOR, "bob", 1, 2.5, 90),
                    train(SeriesKind.TAG, "math", 1, 1.5, 9));
            store.dropAfter(id, 1);
            assertThat(store.points(id)).extracting(SeriesPoint::step).containsOnly(1L);
        }
    }

    @Test
    void aPointOfAnUndefinedSeriesOrRunIsRefusedAndNothingOfItsBatchIsWritten() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            long id = new RunStore(ws).start(spec()).id();
            RunSeriesStore store = new RunSeriesStore(ws);
            store.define(id, List.of(new RunSeries(SeriesKind.CONTRIBUTOR, "alice", 1, 0)));
            assertThatThrownBy(() -> store.record(id, List.of(train(SeriesKind.CONTRIBUTOR, "alice", 1, 1, 1),
                    train(SeriesKind.CONTRIBUTOR, "carol", 1, 1, 1)))).hasMessageContaining("no CONTRIBUTOR series 'carol'");
            assertThat(store.points(id)).isEmpty();
            assertThatThrownBy(() -> store.define(id + 1, List.of())).hasMessageContaining("no run with id");
            assertThatThrownBy(() -> new SeriesPoint(SeriesKind.TAG, "t", 1, OptionalDouble.empty(), 3,
                    OptionalDouble.empty(), 0)).hasMessageStartingWith("trainLoss:");
        }
    }
}
