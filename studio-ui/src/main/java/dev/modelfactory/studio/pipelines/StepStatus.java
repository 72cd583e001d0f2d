package dev.modelfactory.studio.pipelines;

/** Where one step of a run stands. */
public enum StepStatus {
    /** Not reached yet. */
    PENDING,
    RUNNING,
    /** Not run again: its inputs' hashes match an earlier successful run, whose outputs it reuses. */
    SKIPPED,
    SUCCEEDED,
    /** An {@code approve} step waiting for a person. */
    WAITING,
    FAILED,
    /** An {@code approve} step a person rejected. */
    REJECTED,
    CANCELLED;

    /** True for the states a step ends in. */
    public boolean isFinished() {
        return this == SKIPPED || this == SUCCEEDED || this == FAILED || this == REJECTED || this == CANCELLED;
    }

    /** "Succeeded", "Waiting"... */
    public String label() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
