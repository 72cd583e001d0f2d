package dev.modelfactory.ledger.store.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored pipeline run.
 *
 * @param pipelineText the YAML as it ran (a resume replays this text, not the file's current one)
 * @param message      why it failed, was cancelled or waits; empty when it succeeded
 */
public record PipelineRunRecord(long id, String pipelineName, String file, String pipelineHash, String pipelineText,
        RunTrigger trigger, PipelineRunStatus status, String message, Instant startedAt, Optional<Instant> endedAt) {

    /** Wall time from start to end (or to now while it runs). */
    public Duration duration() {
        return Duration.between(startedAt, endedAt.orElseGet(Instant::now));
    }
}
