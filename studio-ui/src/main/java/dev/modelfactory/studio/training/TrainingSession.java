package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunSample;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Fine-tune and Training pages share: the queue of requested runs, of which one trains at a time
 * (one device) and the waiting ones can be reordered or removed, and the live run. Points from the training thread are coalesced ({@link PointCoalescer})
 * and reach listeners on the FX thread at most ~10 times a second. Use from the FX thread.
 */
public final class TrainingSession {

    private final TrainingBackend backend;
    private final TaskExecutor executor;
    private final ObservableList<RunRequest> queue = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LiveRun> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final List<Consumer<List<PointCoalescer.RunPoint>>> pointListeners = new ArrayList<>();
    private final List<Consumer<RunEnd>> endListeners = new ArrayList<>();
    private final List<java.util.function.BiConsumer<Long, List<RunSample>>> sampleListeners = new ArrayList<>();
    private final PointCoalescer coalescer;
    private final SeriesCoalescer seriesCoalescer;
    private final List<java.util.function.BiConsumer<Long, List<dev.modelfactory.ledger.store.run.SeriesPoint>>>
            seriesListeners = new ArrayList<>();
    private final java.util.Set<Long> endedRuns = new java.util.HashSet<>();
    private boolean starting;

    public TrainingSession(TrainingBackend backend, TaskExecutor executor) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.coalescer = new PointCoalescer(100, Platform::runLater, this::deliver);
        this.seriesCoalescer = new SeriesCoalescer(100, Platform::runLater,
                (run, points) -> seriesListeners.forEach(l -> l.accept(run, points)));
    }

    public TrainingBackend backend() {
        return backend;
    }

    public TaskExecutor executor() {
        return executor;
    }

    /** Requests waiting for the device, in order. */
    public ObservableList<RunRequest> queue() {
        return queue;
    }

    public ReadOnlyObjectProperty<LiveRun> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The last thing worth telling about the queue ("run 3 failed to start: ..."). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Called on the FX thread with each batch of new points (any run). */
    public void onPoints(Consumer<List<PointCoalescer.RunPoint>> listener) {
        pointListeners.add(listener);
    }

    /** Called on the FX thread when a run ends (after its last points). */
    public void onEnd(Consumer<RunEnd> listener) {
        endListeners.add(listener);
    }

    /** Called on the FX thread with each step's sample generations (any run). */
    public void onSamples(java.util.function.BiConsumer<Long, List<RunSample>> listener) {
        sampleListeners.add(listener);
    }

    /** Called on the FX thread with new per-contributor / per-tag series points (any run), coalesced. */
    public void onSeries(java.util.function.BiConsumer<Long, List<dev.modelfactory.ledger.store.run.SeriesPoint>> l) {
        seriesListeners.add(l);
    }

    /** Moves the queued run at {@code from} to {@code to} (clamped); nothing when {@code from} is out of range. */
    public void moveQueued(int from, int to) {
        if (from < 0 || from >= queue.size()) {
            return;
        }
        RunRequest r = queue.remove(from);
        queue.add(Math.max(0, Math.min(to, queue.size())), r);
    }

    /** Removes the queued run at {@code index} before it starts. */
    public void removeQueued(int index) {
        if (index >= 0 && index < queue.size()) {
            queue.remove(index);
        }
    }

    /** Queues a run; it starts at once when the device is free. */
    public void enqueue(RunRequest request) {
        queue.add(Objects.requireNonNull(request, "request"));
        startNext();
    }

    /** Resumes a stored run from its checkpoint (when the device is free). */
    public void resumeRun(long runId, String name) {
        if (busy()) {
            status.set("A run is training; resume run " + runId + " when it ends.");
            return;
        }
        launch("Resume run " + runId, name, observer -> backend.resume(runId, observer));
    }

    public boolean busy() {
        return starting || live.get() != null;
    }

    public void pause() {
        Optional.ofNullable(live.get()).ifPresent(r -> r.control().pause());
    }

    public void resume() {
        Optional.ofNullable(live.get()).ifPresent(r -> r.control().resume());
    }

    public void stop() {
        Optional.ofNullable(live.get()).ifPresent(r -> r.control().stop());
    }

    private void startNext() {
        if (busy() || queue.isEmpty()) {
            return;
        }
        RunRequest next = queue.removeFirst();
        String name = next.name().orElse(next.model() + " on " + next.datasetRef());
        launch("Start training: " + name, name, observer -> backend.start(next, observer));
    }

    private void launch(String title, String name, java.util.function.Function<RunObserver, RunControl> how) {
        starting = true;
        RunObserver observer = new RunObserver() {
            @Override
            public void onPoint(long runId, MetricPoint point, int totalSteps) {
                coalescer.add(runId, point, totalSteps);
            }

            @Override
            public void onPaused(long runId, boolean paused) {
                Platform.runLater(() -> {
                    if (live.get() != null && live.get().runId() == runId) {
                        live.set(live.get().withPaused(paused));
                    }
                });
            }

            @Override
            public void onSamples(long runId, List<RunSample> samples) {
                Platform.runLater(() -> sampleListeners.forEach(l -> l.accept(runId, samples)));
            }

            @Override
            public void onSeries(long runId, List<dev.modelfactory.ledger.store.run.SeriesPoint> points) {
                seriesCoalescer.add(runId, points);
            }

            @Override
            public void onFinished(RunEnd end) {
                coalescer.flushNow();
                seriesCoalescer.flushNow();
                Platform.runLater(() -> ended(end));
            }
        };
        BackgroundTask.of(title, ctx -> how.apply(observer))
                .onSuccess(control -> {
                    starting = false;
                    if (endedRuns.contains(control.runId())) {
                        startNext(); // a run so short it ended before its start returned
                        return;
                    }
                    if (live.get() == null || live.get().runId() != control.runId()) {
                        live.set(new LiveRun(control, name, Optional.empty(), false));
                    }
                    status.set("Run " + control.runId() + " training: " + name);
                })
                .onFailure(e -> {
                    starting = false;
                    status.set(name + " did not start: " + e.getMessage());
                    startNext();
                })
                .runOn(executor);
    }

    private void deliver(List<PointCoalescer.RunPoint> batch) {
        LiveRun now = live.get();
        if (now != null) {
            for (PointCoalescer.RunPoint p : batch) {
                if (p.runId() == now.runId()) {
                    now = now.withLast(p.point());
                }
            }
            live.set(now);
        }
        pointListeners.forEach(l -> l.accept(batch));
    }

    private void ended(RunEnd end) {
        endedRuns.add(end.runId());
        if (live.get() != null && live.get().runId() == end.runId()) {
            live.set(null);
        }
        status.set("Run " + end.runId() + " " + end.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (end.message() == null || end.message().isBlank() ? "" : ": " + end.message()));
        endListeners.forEach(l -> l.accept(end));
        if (!starting) {
            startNext();
        }
    }
}
