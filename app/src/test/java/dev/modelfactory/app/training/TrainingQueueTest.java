package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingControl;
import dev.modelfactory.ledger.store.run.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The device queue's order and editing, with a starter that records what it starts and finishes on demand. */
class TrainingQueueTest {

    private final List<String> started = new ArrayList<>();
    private final List<RunHandle> handles = new ArrayList<>();

    private RunHandle start(TrainingRequest r, RunListener l) {
        if (r.name().equals("bad")) {
            throw new TrainingInputException("dataset: no rows");
        }
        started.add(r.name());
        RunHandle h = new RunHandle(handles.size() + 1, 10, new TrainingControl());
        handles.add(h);
        return h;
    }

    private static TrainingRequest named(String name) {
        return TrainingRequest.of("m", DatasetRef.parse("d"), TrainingConfig.builder().build()).withName(name);
    }

    private static void finish(RunHandle h) {
        h.finished(new TrainingOutcome(h.runId(), RunOutcome.COMPLETED, "done", 10, 1, 1, Optional.empty(),
                Optional.empty(), 1, 1));
    }

    @Test
    void oneRunsAtATimeAndWaitingRunsCanBeReorderedAndRemoved() {
        TrainingQueue q = new TrainingQueue(this::start);
        TrainingQueue.Queued a = q.submit(named("a"), null);
        TrainingQueue.Queued b = q.submit(named("b"), null);
        TrainingQueue.Queued c = q.submit(named("c"), null);
        TrainingQueue.Queued d = q.submit(named("d"), null);
        assertThat(started).containsExactly("a");
        assertThat(a.started()).isCompleted();
        assertThat(q.waiting()).containsExactly(b, c, d);

        q.move(d.ticket(), 0);
        assertThat(q.waiting()).containsExactly(d, b, c);
        q.move(b.ticket(), 99); // clamped to the end
        assertThat(q.waiting()).containsExactly(d, c, b);
        q.remove(c.ticket());
        assertThat(q.waiting()).containsExactly(d, b);
        assertThat(c.started()).isCompletedExceptionally();
        assertThatThrownBy(() -> c.started().join()).hasCauseInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> q.move(a.ticket(), 0)).hasMessageContaining("no waiting run with ticket " + a.ticket());
        assertThatThrownBy(() -> q.remove(c.ticket())).isInstanceOf(TrainingInputException.class);

        finish(handles.get(0));
        assertThat(started).containsExactly("a", "d");
        assertThat(q.current()).contains(handles.get(1));
        finish(handles.get(1));
        finish(handles.get(2));
        assertThat(started).containsExactly("a", "d", "b");
        assertThat(q.waiting()).isEmpty();
        assertThat(q.current()).isEmpty();
    }

    @Test
    void aRequestThatCannotStartFailsAloneAndTheNextStarts() {
        TrainingQueue q = new TrainingQueue(this::start);
        TrainingQueue.Queued a = q.submit(named("a"), null);
        TrainingQueue.Queued bad = q.submit(named("bad"), null);
        TrainingQueue.Queued c = q.submit(named("c"), null);
        finish(handles.get(0));
        assertThat(bad.started()).isCompletedExceptionally();
        assertThatThrownBy(() -> bad.started().join()).hasMessageContaining("dataset: no rows");
        assertThat(started).containsExactly("a", "c");
        assertThat(c.started().join()).isSameAs(handles.get(1));
        assertThat(a.started().join()).isSameAs(handles.get(0));
    }
}
