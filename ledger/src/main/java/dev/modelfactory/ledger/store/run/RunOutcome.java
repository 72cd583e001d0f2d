package dev.modelfactory.ledger.store.run;

/** How a run ended, or {@link #RUNNING} while it runs. */
public enum RunOutcome {
    RUNNING,
    /** Reached its last step. */
    COMPLETED,
    /** Stopped by the user; a final checkpoint and adapter were kept. */
    STOPPED,
    /** Stopped by an error (NaN loss, exploding gradient, I/O ...); the message says which. */
    FAILED,
    /** Found still running when the workspace was opened again: the process died; resumable. */
    INTERRUPTED;

    public boolean finished() {
        return this != RUNNING;
    }
}
