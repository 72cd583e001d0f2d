package dev.modelfactory.studio.pipelines;

import dev.modelfactory.ledger.task.CancellationToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Pipelines page needs from the workspace. Every call may block (files, database, the steps' own
 * work): the page calls it from background tasks only.
 *
 * <p>Driving a run: {@link #start}, {@link #approve} and {@link #resume} each run the pipeline forward until it
 * stops (finished, failed, cancelled through the token, or waiting at an {@code approve} step) and return the
 * run as it stands then; a run waiting for a person holds no thread. A run records every step (input and
 * output hashes, log, duration), so a later run skips steps whose inputs did not change.
 */
public interface PipelinesBackend {

    /** The pipelines the workspace knows, each validated now. */
    List<PipelineInfo> pipelines() throws IOException;

    /**
     * Adds the pipeline file (validated; an invalid file is added too, with its problems, so the user can fix
     * it and validate again). A file already added is validated again.
     */
    PipelineInfo add(Path file) throws IOException;

    /** Reads and validates the pipeline's file again. */
    PipelineInfo validate(String pipeline) throws IOException;

    /** The pipeline's runs, newest first. */
    List<RunSummary> runs(String pipeline) throws IOException;

    /** One run with its steps and their logs. */
    RunDetail run(long runId) throws IOException;

    /** Starts a run of a valid pipeline and drives it until it stops; see the class comment. */
    RunDetail start(String pipeline, RunListener listener, CancellationToken cancel) throws IOException;

    /** Continues a failed or cancelled run from the step that stopped it. */
    RunDetail resume(long runId, RunListener listener, CancellationToken cancel) throws IOException;

    /** Records that a person approved the waiting step, then drives the run on until it stops. */
    RunDetail approve(long runId, String stepId, RunListener listener, CancellationToken cancel) throws IOException;

    /** Records that a person rejected the waiting step, and why; the run ends {@link RunStatus#REJECTED}. */
    RunDetail reject(long runId, String stepId, String reason) throws IOException;
}
