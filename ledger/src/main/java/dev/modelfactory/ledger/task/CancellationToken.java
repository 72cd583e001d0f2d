package dev.modelfactory.ledger.task;

import java.util.concurrent.CancellationException;

/**
 * Asked by a long operation, between steps, whether it should stop early.
 *
 * <p>Cancellation is cooperative: the operation checks the token at safe points, undoes its partial
 * work (e.g. removes a half-written temp file) and throws {@link CancellationException}.
 */
@FunctionalInterface
public interface CancellationToken {

    /** A token that is never cancelled. */
    CancellationToken NONE = () -> false;

    /** @return true once the caller wants the operation to stop */
    boolean isCancellationRequested();

    /**
     * Throws if cancellation was requested; the convenient form for a work loop.
     *
     * @throws CancellationException if {@link #isCancellationRequested()} is true
     */
    default void throwIfCancellationRequested() {
        if (isCancellationRequested()) {
            throw new CancellationException("cancelled");
        }
    }
}
