package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.generate.CancellationToken;
import dev.modelfactory.engine.generate.GenerationResult;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted request, usable from any thread: cancel it, switch its adapter (from the next generated token
 * on: earlier positions keep the keys and values they were computed with), and wait for its result. The
 * result completes with the generated tokens and stop reason ({@code CANCELLED} after {@link #cancel}), or
 * exceptionally when the request could not run (unknown adapter, prompt too long, engine closed).
 */
public final class ServeHandle implements CancellationToken {

    private final long id;
    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile String adapter;
    private volatile long lastSwapNanos = -1;

    ServeHandle(long id, String adapter) {
        this.id = id;
        this.adapter = adapter;
    }

    /** The engine's sequence number of this request. */
    public long id() {
        return id;
    }

    /** Stops the request at its next step; the others in the batch are not disturbed. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Uses {@code adapterId} (null: the base model) for the tokens generated from now on. */
    public void switchAdapter(String adapterId) {
        if (adapterId != null && adapterId.isBlank()) {
            throw new IllegalArgumentException("an adapter id must not be blank (use null for the base model)");
        }
        adapter = adapterId;
    }

    /** The adapter the request asks for now (null: base). */
    public String adapter() {
        return adapter;
    }

    /** Nanoseconds the last adapter switch took in the scheduler (lease swap), or -1 if none happened. */
    public long lastSwapNanos() {
        return lastSwapNanos;
    }

    void swapped(long nanos) {
        lastSwapNanos = nanos;
    }

    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    /** Waits for the result; rethrows the failure's cause. */
    public GenerationResult await() {
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
