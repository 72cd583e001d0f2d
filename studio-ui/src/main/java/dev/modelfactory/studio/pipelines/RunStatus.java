package dev.modelfactory.studio.pipelines;

/** Where a whole run stands. */
public enum RunStatus {
    RUNNING,
    /** Stopped at an {@code approve} step: approve or reject it to go on. */
    WAITING,
    SUCCEEDED,
    /** A step failed (a check or gate below its threshold, an error); resumable from that step. */
    FAILED,
    /** A person rejected an {@code approve} step; the reason is recorded. */
    REJECTED,
    /** Cancelled while running; resumable from the step that was running. */
    CANCELLED,
    /** The process running it died (found when the workspace was opened again); resumable. */
    INTERRUPTED;

    /** True when {@code resume} can continue the run (from its failed or cancelled step). */
    public boolean isResumable() {
        return this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    /** True while the run has not ended (running, or waiting for a person). */
    public boolean isOpen() {
        return this == RUNNING || this == WAITING;
    }

    /** "Succeeded", "Waiting"... */
    public String label() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
