package dev.modelfactory.studio.task;

/** Life cycle of a {@link BackgroundTask}: queued, running, then exactly one of the three end states. */
public enum TaskState {
    QUEUED("Queued"),
    RUNNING("Running"),
    SUCCEEDED("Done"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    TaskState(String label) {
        this.label = label;
    }

    /** A short word for the task view. */
    public String label() {
        return label;
    }

    /** True for the three end states. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
