package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.SeriesPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * As {@link PointCoalescer}, for the per-contributor series points of runs: collected on the training
 * thread, handed to the UI thread at most once per {@code intervalMillis}, grouped by run, none dropped.
 */
final class SeriesCoalescer implements AutoCloseable {

    private record Pending(long runId, List<SeriesPoint> points) {
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Consumer<Runnable> uiThread;
    private final BiConsumer<Long, List<SeriesPoint>> sink;
    private final long intervalMillis;
    private volatile long lastFlush;

    SeriesCoalescer(long intervalMillis, Consumer<Runnable> uiThread, BiConsumer<Long, List<SeriesPoint>> sink) {
        this.intervalMillis = intervalMillis;
        this.uiThread = uiThread;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "series-point-coalescer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called from any thread. */
    void add(long runId, List<SeriesPoint> points) {
        pending.add(new Pending(runId, List.copyOf(points)));
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
    synchronized void flushNow() {
        scheduled.set(false);
        lastFlush = System.currentTimeMillis();
        Map<Long, List<SeriesPoint>> byRun = new LinkedHashMap<>();
        for (Pending p; (p = pending.poll()) != null; ) {
            byRun.computeIfAbsent(p.runId(), k -> new ArrayList<>()).addAll(p.points());
        }
        if (!byRun.isEmpty()) {
            uiThread.accept(() -> byRun.forEach(sink));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
