package dev.modelfactory.app.pipelines;

import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A pipeline file the workspace knows (added, or run once), with what validating it now says and its last run.
 *
 * @param exists     false when the file is gone (its runs stay listed)
 * @param validation the file validated as it is now
 * @param lastRun    its newest run, if any (runs are matched by the pipeline's name)
 */
public record PipelineEntry(Path file, boolean exists, Validation validation, Optional<PipelineRunRecord> lastRun) {
}
