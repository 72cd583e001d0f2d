package dev.modelfactory.ledger.task;

/**
 * Receives progress of a long operation, as units done so far (bytes, rows, ...) out of a total.
 *
 * <p>Called on the thread doing the work, possibly often: implementations should be cheap and
 * throttle UI updates themselves. {@code done} never decreases within one operation.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Total to pass when the size of the work is not known in advance (e.g. reading a stream). */
    long UNKNOWN_TOTAL = -1;

    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  units completed so far, {@code >= 0}
     * @param total units expected in all, or {@link #UNKNOWN_TOTAL}
     */
    void onProgress(long done, long total);
}
