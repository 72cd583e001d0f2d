package dev.modelfactory.ledger.store.pipeline;

/** What started a pipeline run. */
public enum RunTrigger {
    /** A person: the CLI's {@code pipeline run} or the studio's Run button. */
    MANUAL,
    /** The pipeline's {@code triggers.schedule.every} interval. */
    SCHEDULE,
    /** Files landing in the pipeline's watched folder. */
    WATCH
}
