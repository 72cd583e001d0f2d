package dev.modelfactory.engine.train.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The training code's worker threads and a blocking parallel-for over them. The caller runs the first share
 * itself, so one thread never hands off. Training ops are large (a GEMM over B·T rows takes milliseconds), so a
 * plain executor hand-off (tens of µs) is noise; the engine's spinning {@code CpuThreads} is tuned for decode
 * and is private to the cpu backend. Not re-entrant: a body must not call {@link #parallelFor}.
 */
public final class TrainPool implements AutoCloseable {

    /** Work over the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;

    /** {@code threads} threads in all, the caller counting as one. */
    public TrainPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "mf-train-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks whose bounds are multiples of
     * {@code grain} (except the end) and runs them in parallel; returns when all are done, rethrowing the
     * first failure.
     */
    public void parallelFor(int n, int grain, RangeBody body) {
        int units = (n + grain - 1) / grain;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = Math.min(n, (int) ((long) units * p / parts) * grain);
            int to = Math.min(n, (int) ((long) units * (p + 1) / parts) * grain);
            futures.add(workers.submit(() -> body.run(from, to)));
        }
        RuntimeException first = null;
        try {
            body.run(0, Math.min(n, (int) ((long) units / parts) * grain));
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for training threads", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
