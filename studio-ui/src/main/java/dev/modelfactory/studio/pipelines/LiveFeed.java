package dev.modelfactory.studio.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The run listener a page job hands the backend: queues updates and log lines in the order they come (on the
 * worker thread) and delivers them to the FX thread in batches, one pending delivery at a time, so a chatty
 * step cannot flood the FX event queue. A batch keeps order: a snapshot replaces the logs, later lines append.
 */
final class LiveFeed implements RunListener {

    /** One queued piece of news: either a snapshot or a log line. */
    sealed interface News permits Snapshot, Line {
    }

    record Snapshot(RunDetail run) implements News {
    }

    record Line(long runId, String stepId, String text) implements News {
    }

    private final Queue<News> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Consumer<List<News>> deliver;
    private final Consumer<RunDetail> onWorker;

    /**
     * @param deliver  gets each batch on the FX thread
     * @param onWorker sees every snapshot on the worker thread (the job's progress and message)
     */
    LiveFeed(Consumer<List<News>> deliver, Consumer<RunDetail> onWorker) {
        this.deliver = deliver;
        this.onWorker = onWorker;
    }

    @Override
    public void updated(RunDetail run) {
        onWorker.accept(run);
        offer(new Snapshot(run));
    }

    @Override
    public void logged(long runId, String stepId, String line) {
        offer(new Line(runId, stepId, line));
    }

    private void offer(News news) {
        queue.add(news);
        if (pending.compareAndSet(false, true)) {
            Platform.runLater(this::flush);
        }
    }

    private void flush() {
        pending.set(false);
        List<News> batch = new ArrayList<>();
        for (News n; (n = queue.poll()) != null; ) {
            batch.add(n);
        }
        if (!batch.isEmpty()) {
            deliver.accept(batch);
        }
    }
}
