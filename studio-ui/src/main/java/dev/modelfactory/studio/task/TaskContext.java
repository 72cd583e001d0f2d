package dev.modelfactory.studio.task;

import java.util.concurrent.CancellationException;

/**
 * What running work sees of its task: it reports progress and a message (any thread, any rate: the executor
 * throttles what reaches the screen) and checks the cancellation flag at points where stopping is safe.
 */
public interface TaskContext {

    /** Progress as a fraction 0..1; a negative value means indeterminate. */
    void updateProgress(double fraction);

    /** Progress as {@code done} of {@code total} units; {@code total <= 0} means indeterminate. */
    default void updateProgress(long done, long total) {
        updateProgress(total <= 0 ? -1 : Math.clamp((double) done / total, 0.0, 1.0));
    }

    /** A one-line status for the task view ("Reading shard 3 of 8"). */
    void updateMessage(String message);

    /** True once someone asked the task to stop; the work should return or throw soon after. */
    boolean isCancelled();

    /** Throws {@link CancellationException} if cancellation was requested: a convenient check point. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
