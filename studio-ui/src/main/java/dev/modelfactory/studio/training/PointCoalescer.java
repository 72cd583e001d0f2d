package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects metric points arriving on a training thread and hands them to the UI in batches, at most once
 * per {@code intervalMillis} (100 ms: charts redraw at most ~10 times a second however fast steps are).
 * Points are never dropped; {@link #flushNow()} delivers what is pending at once (before a run's end).
 */
public final class PointCoalescer implements AutoCloseable {

    /** A point of one run. */
    public record RunPoint(long runId, MetricPoint point, int totalSteps) {
    }

    private final ConcurrentLinkedQueue<RunPoint> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Consumer<Runnable> uiThread;
    private final Consumer<List<RunPoint>> sink;
    private final long intervalMillis;
    private volatile long lastFlush;

    /**
     * @param uiThread runs a delivery on the UI thread ({@code Platform::runLater})
     * @param sink     receives each batch on the UI thread, in arrival order
     */
    public PointCoalescer(long intervalMillis, Consumer<Runnable> uiThread, Consumer<List<RunPoint>> sink) {
        this.intervalMillis = intervalMillis;
        this.uiThread = uiThread;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chart-point-coalescer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called from any thread. */
    public void add(long runId, MetricPoint point, int totalSteps) {
        pending.add(new RunPoint(runId, point, totalSteps));
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlush + intervalMillis - System.currentTimeMillis());
            timer.schedule(this::flushNow, wait, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands everything pending to the UI thread now. Synchronized: the timer and the training thread (at the end
     * of a run) may both flush, and taking the points and posting them must be one step, or a later batch could
     * reach the UI thread before an earlier one.
     */
    public synchronized void flushNow() {
        scheduled.set(false);
        lastFlush = System.currentTimeMillis();
        List<RunPoint> batch = new ArrayList<>();
        for (RunPoint p; (p = pending.poll()) != null; ) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            uiThread.accept(() -> sink.accept(batch));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
