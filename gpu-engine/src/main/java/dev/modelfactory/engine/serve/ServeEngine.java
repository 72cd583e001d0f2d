package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.StopReason;
import dev.modelfactory.engine.generate.TokenDecoder;
import dev.modelfactory.engine.generate.TokenListener;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.serve.lora.LoraWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous batching over one base model and an {@link AdapterPool}: concurrent requests, each with its
 * own KV cache, adapter and sampling settings, advance together as one batched decode step per iteration
 * ({@link LlamaModel#decodeBatch}, base rows and rows of different adapters mixed through
 * {@link LoraBatchDelta}). Between steps, waiting requests join (their prompt is prefilled alone, with their
 * adapter) and finished or cancelled ones leave; adapter switches take effect there too. Tokens stream to
 * each request's listener from the scheduler thread as they are chosen.
 *
 * <p>Thread-safe: {@link #submit} from any thread; the model is used only by the one scheduler thread.
 */
public final class ServeEngine implements AutoCloseable {

    private record Submitted(ServeHandle handle, ServeRequest request, TokenListener listener) {
    }

    /** Queued by {@link #close()} to wake a scheduler waiting for work. */
    private static final Submitted WAKE = new Submitted(null, null, null);

    private final LlamaModel model;
    private final AdapterPool pool;
    private final TokenDecoder decoder;
    private final int maxBatch;
    private final LinkedBlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private final List<ActiveRequest> active = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;
    private volatile long steps;
    private volatile long tokens;
    private volatile int lastBatch;
    private volatile int lastAdapters;
    private volatile int activeCount;
    private volatile long kvCacheBytes;

    private ServeEngine(Builder b) {
        this.model = b.model;
        this.pool = b.pool;
        this.decoder = b.decoder;
        this.maxBatch = b.maxBatch;
        this.worker = Thread.ofPlatform().name("serve-scheduler").daemon().unstarted(this::run);
        worker.start();
    }

    public static Builder builder(LlamaModel model, AdapterPool pool) {
        return new Builder(model, pool);
    }

    /** Builder: at most 32 requests per step, no text decoder (stop strings ignored, streamed text empty). */
    public static final class Builder {
        private final LlamaModel model;
        private final AdapterPool pool;
        private TokenDecoder decoder;
        private int maxBatch = 32;

        private Builder(LlamaModel model, AdapterPool pool) {
            this.model = Objects.requireNonNull(model, "model");
            this.pool = Objects.requireNonNull(pool, "pool");
            if (!pool.base().equals(model.config())) {
                throw new IllegalArgumentException("the adapter pool is for another base model");
            }
        }

        public Builder decoder(TokenDecoder d) {
            decoder = d;
            return this;
        }

        public Builder maxBatch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max batch must be >= 1, got " + n);
            }
            maxBatch = n;
            return this;
        }

        public ServeEngine build() {
            return new ServeEngine(this);
        }
    }

    /**
     * Queues a request; its adapter starts loading in the background now. Tokens go to {@code listener} on
     * the scheduler thread (keep it short). An unknown adapter id is refused here.
     */
    public ServeHandle submit(ServeRequest request, TokenListener listener) {
        if (closed) {
            throw new IllegalStateException("the serving engine is closed");
        }
        if (request.adapter() != null) {
            pool.info(request.adapter());
            pool.prefetch(request.adapter());
        }
        ServeHandle h = new ServeHandle(ids.incrementAndGet(), request.adapter());
        queue.add(new Submitted(h, request, listener == null ? TokenListener.none() : listener));
        return h;
    }

    public ServeStats stats() {
        return new ServeStats(activeCount, queue.size(), steps, tokens, lastBatch, lastAdapters, kvCacheBytes);
    }

    private void run() {
        try {
            while (!closed) {
                admit();
                if (active.isEmpty()) {
                    continue;
                }
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Also reached if the loop itself failed: refuse new work rather than queue it forever.
            closed = true;
            for (ActiveRequest a : List.copyOf(active)) {
                finish(a);
            }
            active.clear();
            counted();
            Submitted s;
            while ((s = queue.poll()) != null) {
                if (s == WAKE) {
                    continue;
                }
                s.handle().result().completeExceptionally(new IllegalStateException("the serving engine was closed"));
            }
        }
    }

    /** Takes waiting requests while there is room; blocks when nothing is running. */
    private void admit() throws InterruptedException {
        while (active.size() < maxBatch) {
            Submitted s = active.isEmpty() ? queue.take() : queue.poll();
            if (s == null || s == WAKE || closed) {
                if (s != null && s != WAKE) {
                    queue.add(s);
                }
                return;
            }
            start(s);
        }
    }

    private void start(Submitted s) {
        ServeHandle h = s.handle();
        GenerationRequest g = s.request().generation();
        if (h.isCancelled()) {
            h.result().complete(new GenerationResult(new int[0], decoder == null ? null : "", StopReason.CANCELLED,
                    g.prompt().length, 0, 0, 0, 0));
            return;
        }
        int[] prompt = g.prompt();
        int capacity = (int) Math.min(model.config().maxSeqLen(), (long) prompt.length + g.maxTokens());
        if (prompt.length > capacity) {
            h.result().completeExceptionally(new IllegalArgumentException("the prompt of " + prompt.length
                    + " tokens does not fit the context of " + model.config().maxSeqLen()));
            return;
        }
        AdapterLease lease = null;
        LlamaSession session = null;
        try {
            String adapter = h.adapter();
            lease = adapter == null ? null : pool.acquire(adapter);
            session = model.newSession(capacity);
            ActiveRequest a = new ActiveRequest(h, g, s.listener(), decoder, session, lease);
            long t0 = System.nanoTime();
            a.logits = session.append(lease == null ? null : LoraBatchDelta.uniform(model.backend(), lease.weights()), prompt);
            a.prefillNanos = System.nanoTime() - t0;
            active.add(a);
            counted();
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            if (lease != null) {
                lease.close();
            }
            h.result().completeExceptionally(e);
        }
    }

    /** Samples each request's next token, drops the finished, then runs one batched decode step. */
    private void step() {
        List<ActiveRequest> batch = new ArrayList<>();
        List<Integer> feed = new ArrayList<>();
        for (ActiveRequest a : List.copyOf(active)) {
            int token;
            try {
                token = a.next();
            } catch (RuntimeException e) {
                fail(a, e);
                continue;
            }
            if (token < 0) {
                finish(a);
                continue;
            }
            tokens++;
            if (!switchIfAsked(a)) {
                continue;
            }
            batch.add(a);
            feed.add(token);
        }
        counted();
        if (batch.isEmpty()) {
            return;
        }
        List<LlamaSession> sessions = new ArrayList<>(batch.size());
        List<LoraWeights> adapters = new ArrayList<>(batch.size());
        for (ActiveRequest a : batch) {
            sessions.add(a.session);
            adapters.add(a.lease == null ? null : a.lease.weights());
        }
        LoraBatchDelta delta = LoraBatchDelta.perRow(model.backend(), adapters);
        long t0 = System.nanoTime();
        float[] logits;
        try {
            logits = model.decodeBatch(sessions, feed.stream().mapToInt(Integer::intValue).toArray(), delta);
        } catch (RuntimeException e) {
            for (ActiveRequest a : batch) {
                fail(a, e);
            }
            counted();
            return;
        }
        long took = System.nanoTime() - t0;
        int v = model.config().vocabSize();
        for (int i = 0; i < batch.size(); i++) {
            ActiveRequest a = batch.get(i);
            a.logits = java.util.Arrays.copyOfRange(logits, i * v, (i + 1) * v);
            a.decodeNanos += took;
            a.steps++;
        }
        steps++;
        lastBatch = batch.size();
        lastAdapters = delta.groups();
    }

    /** Publishes the running count and KV-cache bytes: per position, keys and values of every layer. */
    private void counted() {
        long perPosition = 2L * 4 * model.config().layers() * model.config().kvDim();
        long positions = 0;
        for (ActiveRequest a : active) {
            positions += a.session.capacity();
        }
        activeCount = active.size();
        kvCacheBytes = positions * perPosition;
    }

    /** Moves the request to the adapter its handle asks for; false (request failed) if that cannot load. */
    private boolean switchIfAsked(ActiveRequest a) {
        String want = a.handle.adapter();
        String have = a.lease == null ? null : a.lease.id();
        if (Objects.equals(want, have)) {
            return true;
        }
        long t0 = System.nanoTime();
        try {
            AdapterLease next = want == null ? null : pool.acquire(want);
            if (a.lease != null) {
                a.lease.close();
            }
            a.lease = next;
        } catch (RuntimeException e) {
            fail(a, e);
            return false;
        }
        a.handle.swapped(System.nanoTime() - t0);
        return true;
    }

    private void finish(ActiveRequest a) {
        active.remove(a);
        a.close();
        if (!a.finished()) {
            a.handle.cancel();
            a.next();
        }
        a.handle.result().complete(a.result());
    }

    private void fail(ActiveRequest a, RuntimeException e) {
        active.remove(a);
        a.close();
        a.handle.result().completeExceptionally(e);
    }

    /** Stops the scheduler; running requests end as cancelled, waiting ones fail. */
    @Override
    public void close() {
        closed = true;
        queue.add(WAKE);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
