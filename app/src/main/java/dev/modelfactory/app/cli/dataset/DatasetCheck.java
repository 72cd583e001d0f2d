package dev.modelfactory.app.cli.dataset;

/**
 * One check {@code dataset check} runs: flags rows of a dataset's working set and says how many.
 * A new check plugs in by implementing this over its store call (or over the flags of the shared
 * check pass, {@link CheckContext#flagged}) and being listed in {@link DatasetChecks#all()}.
 */
public interface DatasetCheck {

    /** A stable id for JSON and {@code --only}, e.g. {@code exact-duplicates}. */
    String id();

    /** What it looks for, in a few words. */
    String title();

    /** Whether it reads the flags of the store's check pass (then {@link CheckContext#summary()} runs once). */
    default boolean usesFlagPass() {
        return false;
    }

    /** Runs the check over the dataset's working set. */
    CheckResult run(CheckContext context);
}
