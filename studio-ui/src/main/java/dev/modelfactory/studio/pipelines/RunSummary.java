package dev.modelfactory.studio.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One run in a pipeline's list of runs.
 *
 * @param id       the run's id in the workspace
 * @param pipeline the pipeline's name
 * @param status   where it stands
 * @param started  when it started
 * @param elapsed  time from its start to its end (or to now)
 * @param trigger  what started it: "manual", "schedule", "watch"...
 */
public record RunSummary(long id, String pipeline, RunStatus status, Instant started, Duration elapsed,
                         String trigger) {

    public RunSummary {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(trigger, "trigger");
    }
}
