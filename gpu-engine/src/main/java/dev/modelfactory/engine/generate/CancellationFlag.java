package dev.modelfactory.engine.generate;

/** A cancellation token set by {@link #cancel()}, from any thread. */
public final class CancellationFlag implements CancellationToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
