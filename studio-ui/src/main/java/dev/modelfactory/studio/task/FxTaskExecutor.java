package dev.modelfactory.studio.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Runs tasks on a fixed pool of daemon threads and delivers state, callbacks and progress on the FX thread.
 * Progress and message updates are coalesced: at most one FX update per task every {@link #PUBLISH_INTERVAL}
 * (~10 Hz), always ending with the latest values, so chatty work cannot flood the FX event queue.
 */
public final class FxTaskExecutor implements TaskExecutor {

    /** The minimum time between two progress publications of one task. */
    public static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    private final TaskRegistry registry;
    private final UnhandledFailureHandler unhandled;
    private final ExecutorService pool;
    private final ScheduledExecutorService publisher;
    private final Set<BackgroundTask<?>> live = ConcurrentHashMap.newKeySet();

    /** A pool of {@code threads} workers feeding {@code registry}. */
    public FxTaskExecutor(int threads, TaskRegistry registry, UnhandledFailureHandler unhandled) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.unhandled = Objects.requireNonNull(unhandled, "unhandled");
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads("studio-task-"));
        this.publisher = Executors.newSingleThreadScheduledExecutor(daemonThreads("studio-task-publisher-"));
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        if (pool.isShutdown()) {
            // the studio is closing: late work (a debounce timer that fires after the window went) is dropped
            task.cancel();
            return;
        }
        onFx(() -> registry.add(task));
        live.add(task);
        ThrottledContext context = new ThrottledContext(task);
        try {
            pool.execute(() -> {
                try {
                    TaskRunner.run(task, context, context::flushNow, Platform::runLater, unhandled);
                } finally {
                    live.remove(task);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            live.remove(task); // shut down between the check and the submit
            task.cancel();
        }
    }

    @Override
    public TaskRegistry registry() {
        return registry;
    }

    @Override
    public void shutdown() {
        live.forEach(BackgroundTask::cancel);
        pool.shutdown();
        publisher.shutdown();
    }

    private static void onFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Keeps the latest values written by the work; publishes them to the FX thread at most ~10 times/s. */
    private final class ThrottledContext implements TaskContext {
        private final BackgroundTask<?> task;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile double progress = BackgroundTask.INDETERMINATE;
        private volatile String message;
        private volatile long lastPublishNanos = System.nanoTime() - PUBLISH_INTERVAL.toNanos();

        ThrottledContext(BackgroundTask<?> task) {
            this.task = task;
        }

        @Override
        public void updateProgress(double fraction) {
            progress = fraction < 0 ? BackgroundTask.INDETERMINATE : Math.min(fraction, 1.0);
            schedule();
        }

        @Override
        public void updateMessage(String text) {
            message = text == null ? "" : text;
            schedule();
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelRequested();
        }

        private void schedule() {
            if (!scheduled.compareAndSet(false, true)) {
                return;
            }
            long wait = lastPublishNanos + PUBLISH_INTERVAL.toNanos() - System.nanoTime();
            try {
                publisher.schedule(() -> Platform.runLater(this::flushNow), Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                scheduled.set(false);
            }
        }

        /** On the FX thread: shows the latest values. */
        void flushNow() {
            scheduled.set(false);
            lastPublishNanos = System.nanoTime();
            task.publish(progress, message);
        }
    }
}
