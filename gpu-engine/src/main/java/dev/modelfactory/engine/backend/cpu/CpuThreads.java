package dev.modelfactory.engine.backend.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads and a blocking parallel-for over them. The caller takes part itself, so
 * {@code threads == 1} never hands off. {@link #parallelFor} cuts the range into one share per thread;
 * {@link #parallelForBalanced} (GEMV rows, attention heads) into 16 chunks per thread that the threads take in
 * turn, so a thread that starts late or runs slower leaves what it has not started to the others (decode
 * 1.01-1.14x in same-JVM A/B runs on this VM, ADR 0015). Which thread runs a chunk never changes what it computes.
 *
 * <p>Hand-off: after each job a worker spins up to {@code -Dmodelfactory.cpu.spinMicros} (default 200) for
 * the next one, then parks; the caller, once its own share is done, spins up to 50 µs for the others and
 * then parks until the last one unparks it. A parked worker takes 20-70 µs to wake on this VM (32 µs on
 * average over a decode, measured), against ~1 µs for a spinning one, and decode hands off ~50 times per
 * token: in same-JVM A/B runs ({@code DecodeAbBench}) spinning 200 µs decoded 14-26 % faster than parking
 * at once (all five weight types, 2 threads). Workers do not spin while the machine is oversubscribed (more
 * runnable threads than processors in {@code /proc/loadavg}, sampled every 50 ms; where that file is missing
 * they always spin): a spinner waiting for its next time slice notices a job later than a parked thread that is
 * unparked (a fixed spin made decode 1.46x slower with two busy processes on the two cores, and 3x slower
 * once under parallel builds). Telling that apart from inside the spin does not work on a VM: a spinning
 * thread here sees a gap over 20 µs about 300 times a second on an idle machine. So spinning costs at most
 * 200 µs of one core after the last job of a burst. Not re-entrant: a body must not call
 * {@link #parallelFor}; calls from several threads are serialised.
 * {@code -Dmodelfactory.cpu.chunksPerThread} sets the balanced split's chunks (1 makes it a plain parallel-for).
 */
final class CpuThreads implements AutoCloseable {

    /** Work over the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = Long.getLong("modelfactory.cpu.spinMicros", 200) * 1000;
    private static final long CALLER_SPIN_NANOS = 50_000;
    private static final int CHUNKS = Integer.getInteger("modelfactory.cpu.chunksPerThread", 16);

    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * One call's work in {@code chunks} pieces: chunk c covers units [units·c/chunks, units·(c+1)/chunks) of
     * {@code grain} indices; the {@code parts} participating threads take chunks in turn until none is left.
     */
    private record Job(RangeBody body, int n, int grain, int units, int parts, int chunks, AtomicInteger next) {
        void runChunks() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int from = Math.min(n, (int) ((long) units * c / chunks) * grain);
                int to = Math.min(n, (int) ((long) units * (c + 1) / chunks) * grain);
                if (from < to) {
                    body.run(from, to);
                }
            }
        }
    }

    private final int threads;
    private final long spinNanos;
    private final int chunksPerThread;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The latest job; each call publishes a new object, which is how workers tell jobs apart. */
    private volatile Job job;
    private volatile boolean closed;
    /** The thread inside {@link #parallelFor}, unparked by the worker that finishes last. */
    private volatile Thread caller;

    CpuThreads(int threads) {
        this(threads, SPIN_NANOS);
    }

    /** With workers that spin {@code spinNanos} for the next job before they park (benchmarks compare). */
    CpuThreads(int threads, long spinNanos) {
        this(threads, spinNanos, CHUNKS);
    }

    /** With {@link #parallelForBalanced} cutting {@code chunksPerThread} chunks per thread (benchmarks compare). */
    CpuThreads(int threads, long spinNanos, int chunksPerThread) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spin must be >= 0 ns, got " + spinNanos);
        }
        if (chunksPerThread < 1) {
            throw new IllegalArgumentException("chunks per thread must be >= 1, got " + chunksPerThread);
        }
        this.spinNanos = spinNanos;
        this.chunksPerThread = chunksPerThread;
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
    void parallelFor(int n, int grain, RangeBody body) {
        run(n, grain, 1, body);
    }

    /**
     * {@link #parallelFor}, but cut into {@code chunksPerThread} (default 16) chunks per thread that the threads
     * take in turn, so a thread that starts late (a parked worker wakes 20-70 µs after the job) or runs slower
     * (two threads running the same loop at once here ran up to 1.3x apart) leaves its unstarted chunks to the
     * others instead of holding them up. For steps whose chunks are independent and cost nothing to start (GEMV
     * rows, attention heads); not for GEMMs that pack W per call.
     */
    void parallelForBalanced(int n, int grain, RangeBody body) {
        run(n, grain, chunksPerThread, body);
    }

    private synchronized void run(int n, int grain, int perThread, RangeBody body) {
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
        Job j = new Job(body, n, grain, units, parts, (int) Math.min(units, (long) parts * perThread), new AtomicInteger());
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
            j.runChunks();
        } finally {
            Spin spin = new Spin(CALLER_SPIN_NANOS);
            while (pending.get() > 0) {
                if (spin.goOn()) {
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
                        j.runChunks();
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
            Spin spin = new Spin(spinNanos == 0 || Crowding.crowded() ? 0 : spinNanos);
            while (job == done && !closed) {
                if (spin.goOn()) {
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

    /** A spin-wait budget of a fixed time. */
    private static final class Spin {
        private final long deadline;
        private boolean over;

        Spin(long nanos) {
            deadline = System.nanoTime() + nanos;
            over = nanos == 0;
        }

        boolean goOn() {
            if (over) {
                return false;
            }
            over = System.nanoTime() >= deadline;
            return !over;
        }
    }

    /**
     * Whether more threads are runnable than there are processors: the fourth field of Linux's
     * {@code /proc/loadavg} ("runnable/total"), read at most every 50 ms; false where it cannot be read.
     */
    static final class Crowding {
        private static final Path LOADAVG = Path.of("/proc/loadavg");
        private static final long EVERY_NANOS = 50_000_000;
        private static final int CPUS = Runtime.getRuntime().availableProcessors();
        private static volatile boolean readable = Files.isReadable(LOADAVG);
        private static volatile boolean crowded;
        private static volatile long sampledAt;
        private static volatile boolean sampled;

        private Crowding() {
        }

        static boolean crowded() {
            if (!readable) {
                return false;
            }
            long now = System.nanoTime();
            if (!sampled || now - sampledAt >= EVERY_NANOS) {
                sampledAt = now;
                sampled = true;
                int runnable = runnable(LOADAVG);
                readable = runnable >= 0;
                crowded = runnable > CPUS;
            }
            return crowded;
        }

        /** The runnable count of a loadavg file; -1 if it cannot be read or parsed. */
        static int runnable(Path loadavg) {
            try {
                String[] fields = new String(Files.readAllBytes(loadavg), StandardCharsets.US_ASCII).trim().split(" ");
                return Integer.parseInt(fields[3].substring(0, fields[3].indexOf('/')));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
