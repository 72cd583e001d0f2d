package dev.modelfactory.engine.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads and a blocking parallel-for over them. The caller runs the first share
 * itself, so {@code threads == 1} never hands off.
 *
 * <p>Hand-off: workers wait for the next job by spinning for {@code -Dmodelfactory.cpu.spinMicros}
 * (default 0), then parking; the caller, once its own share is done, spins up to 50 µs for the others and
 * then parks until the last one unparks it. Spinning workers catch a job within ~1 µs instead of the
 * 20-70 µs of a wake-up, which matters to decode (~10 small parallel ops per layer) on a machine with idle
 * cores; on an oversubscribed one (this build machine) the scheduler penalises spinners and decode got 3x
 * slower, hence the default. Not re-entrant: a body must not call {@link #parallelFor}; calls from several
 * threads are serialised.
 */
final class CpuThreads implements AutoCloseable {

    /** Work over the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = Long.getLong("modelfactory.cpu.spinMicros", 0) * 1000;
    private static final long CALLER_SPIN_NANOS = 50_000;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** One call's work: part p covers units [units·p/parts, units·(p+1)/parts) of {@code grain} indices. */
    private record Job(RangeBody body, int n, int grain, int units, int parts) {
        void runPart(int p) {
            int from = Math.min(n, (int) ((long) units * p / parts) * grain);
            int to = Math.min(n, (int) ((long) units * (p + 1) / parts) * grain);
            if (from < to) {
                body.run(from, to);
            }
        }
    }

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The latest job; each call publishes a new object, which is how workers tell jobs apart. */
    private volatile Job job;
    private volatile boolean closed;
    /** The thread inside {@link #parallelFor}, unparked by the worker that finishes last. */
    private volatile Thread caller;

    CpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        int id = POOLS.incrementAndGet();
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            Thread t = new Thread(workers[w], "mf-cpu-" + id + "-" + (w + 1));
            t.setDaemon(true);
            workers[w].thread = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks whose bounds are multiples
     * of {@code grain} (except the end) and runs them in parallel; returns when all are done.
     */
    synchronized void parallelFor(int n, int grain, RangeBody body) {
        int units = (n + grain - 1) / grain;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("the cpu backend is closed");
        }
        Job j = new Job(body, n, grain, units, parts);
        failure.set(null);
        caller = Thread.currentThread();
        pending.set(parts - 1);
        job = j;
        for (int w = 0; w < parts - 1; w++) {
            if (workers[w].parked) {
                LockSupport.unpark(workers[w].thread);
            }
        }
        try {
            j.runPart(0);
        } finally {
            long deadline = System.nanoTime() + CALLER_SPIN_NANOS;
            while (pending.get() > 0) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    /** Worker for part {@code part} of each job that has that many parts. */
    private final class Worker implements Runnable {
        private final int part;
        private Thread thread;
        private volatile boolean parked;

        Worker(int part) {
            this.part = part;
        }

        @Override
        public void run() {
            // Not "job": a job published before this thread got going must still be run.
            Job done = null;
            while (!closed) {
                Job j = awaitNext(done);
                if (j == done) {
                    continue;
                }
                // A job with fewer parts skips this worker; the caller does not wait for it then.
                done = j;
                if (part < j.parts()) {
                    try {
                        j.runPart(part);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        if (pending.decrementAndGet() == 0) {
                            LockSupport.unpark(caller);
                        }
                    }
                }
            }
        }

        /** Spins until a job other than {@code done} is published, then parks; returns the current job. */
        private Job awaitNext(Job done) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (job == done && !closed) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    // Publish "parked" before re-checking, so a submitter either sees it or we see its job.
                    parked = true;
                    if (job == done && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            return job;
        }
    }
}
