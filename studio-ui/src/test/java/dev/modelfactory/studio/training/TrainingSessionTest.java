package dev.modelfactory.studio.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSample;
import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The queue: runs start one at a time, the next when the live one ends; a run that fails to start does
 * not block the queue. The backend here records what it was asked and ends runs when the test says so.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingSessionTest {

    /** Starts nothing real: keeps each start's observer so the test can end that run. */
    private static final class RecordingBackend implements TrainingBackend {
        final List<RunRequest> started = new ArrayList<>();
        final List<RunObserver> observers = new ArrayList<>();

        @Override
        public RunControl start(RunRequest request, RunObserver observer) {
            if (request.model().equals("broken")) {
                throw new IllegalArgumentException("model: broken is not a model");
            }
            started.add(request);
            observers.add(observer);
            long id = started.size();
            return new RunControl() {
                public long runId() { return id; }
                public int totalSteps() { return 10; }
                public void pause() { }
                public void resume() { }
                public void stop() { }
            };
        }

        public List<BaseModelChoice> models() { return List.of(); }
        public List<DatasetChoice> datasets() { return List.of(); }
        public DeviceInfo device() { return new DeviceInfo("cpu", 0); }
        public RunPlan plan(RunRequest r) { throw new UnsupportedOperationException(); }
        public ExamplePreview preview(RunRequest r) { throw new UnsupportedOperationException(); }
        public RunControl resume(long runId, RunObserver o) { throw new UnsupportedOperationException(); }
        public List<RunRecord> runs() { return List.of(); }
        public List<MetricPoint> metrics(long runId) { return List.of(); }
        public List<String> chatTemplates() { return List.of(); }
        public RunWarmup measure(RunRequest r, java.util.function.BooleanSupplier c) { throw new UnsupportedOperationException(); }
        public List<RunSample> samples(long runId) { return List.of(); }
    }

    private static RunRequest request(String model) {
        return new RunRequest(model, "skills", Optional.empty(), TrainingConfig.builder().build(), Optional.empty());
    }

    @Test
    void runsQueuedRequestsOneAtATimeAndSkipsOneThatCannotStart(FxRobot robot) throws Exception {
        RecordingBackend backend = new RecordingBackend();
        TrainingSession[] session = new TrainingSession[1];
        robot.interact(() -> {
            session[0] = new TrainingSession(backend, new CurrentThreadTaskExecutor());
            session[0].enqueue(request("a"));
            session[0].enqueue(request("broken"));
            session[0].enqueue(request("c"));
        });
        assertThat(backend.started).extracting(RunRequest::model).containsExactly("a");
        assertThat(session[0].queue()).hasSize(2);
        assertThat(session[0].liveProperty().get().runId()).isEqualTo(1);

        backend.observers.getFirst().onPoint(1, MetricPoint.eval(3, 0.3, 100, 2.0), 10);
        backend.observers.getFirst().onFinished(new RunEnd(1, RunOutcome.COMPLETED, "", 10, ""));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> backend.started.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        // "broken" failed to start and was passed over with its reason; "c" is live, the queue is empty
        assertThat(backend.started).extracting(RunRequest::model).containsExactly("a", "c");
        assertThat(session[0].queue()).isEmpty();
        assertThat(session[0].liveProperty().get().runId()).isEqualTo(2);
        assertThat(session[0].statusProperty().get()).contains("Run 2 training");
    }

    @Test
    void waitingRunsCanBeReorderedAndRemovedAndStartInTheNewOrder(FxRobot robot) throws Exception {
        RecordingBackend backend = new RecordingBackend();
        TrainingSession[] session = new TrainingSession[1];
        List<String> heard = new ArrayList<>();
        robot.interact(() -> {
            session[0] = new TrainingSession(backend, new CurrentThreadTaskExecutor());
            session[0].onSamples((id, samples) -> samples.forEach(x -> heard.add(id + ":" + x.step() + ":" + x.output())));
            for (String m : List.of("a", "b", "c", "d")) {
                session[0].enqueue(request(m));
            }
            session[0].moveQueued(2, 0); // d first
            session[0].moveQueued(1, 5); // b last (clamped)
            session[0].removeQueued(0 + 1); // c
            session[0].removeQueued(7); // out of range: nothing
        });
        assertThat(session[0].queue()).extracting(RunRequest::model).containsExactly("d", "b");
        backend.observers.getFirst().onSamples(1, List.of(new RunSample(2, 0, "p", "out", "ref")));
        backend.observers.getFirst().onFinished(new RunEnd(1, RunOutcome.COMPLETED, "", 10, ""));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> backend.started.size() == 2);
        backend.observers.get(1).onFinished(new RunEnd(2, RunOutcome.COMPLETED, "", 10, ""));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> backend.started.size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backend.started).extracting(RunRequest::model).containsExactly("a", "d", "b");
        assertThat(heard).containsExactly("1:2:out");
    }

    @Test
    void seriesPointsFromTheTrainingThreadReachTheFxThreadCoalescedAndComplete(FxRobot robot) throws Exception {
        RecordingBackend backend = new RecordingBackend();
        TrainingSession[] session = new TrainingSession[1];
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> onFx = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            session[0] = new TrainingSession(backend, new CurrentThreadTaskExecutor());
            session[0].onSeries((id, points) -> {
                onFx.add(javafx.application.Platform.isFxApplicationThread());
                batches.add(points.size());
                points.forEach(p -> heard.add(id + ":" + p.key() + ":" + p.step()));
            });
            session[0].enqueue(request("a"));
        });
        Thread training = new Thread(() -> {
            for (int step = 1; step <= 200; step++) {
                backend.observers.getFirst().onSeries(1, List.of(point("alice", step), point("bob", step)));
            }
            backend.observers.getFirst().onFinished(new RunEnd(1, RunOutcome.COMPLETED, "", 200, ""));
        });
        training.start();
        training.join();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> heard.size() == 400);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(heard).hasSize(400).startsWith("1:alice:1", "1:bob:1").endsWith("1:alice:200", "1:bob:200");
        assertThat(onFx).containsOnly(true);
        assertThat(batches.size()).isLessThan(200); // coalesced, not one delivery per step
    }

    private static dev.modelfactory.ledger.store.run.SeriesPoint point(String key, long step) {
        return new dev.modelfactory.ledger.store.run.SeriesPoint(dev.modelfactory.ledger.store.run.SeriesKind.CONTRIBUTOR,
                key, step, java.util.OptionalDouble.of(1.0 / step), 10, java.util.OptionalDouble.empty(), 0);
    }
}
