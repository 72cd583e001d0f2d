package dev.modelfactory.app.cli.pipeline;

import dev.modelfactory.app.pipelines.PipelineListener;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.io.PrintWriter;

/** A run's progress as lines on stderr: steps starting and ending, and their logs. */
final class ProgressLines implements PipelineListener {

    private final PrintWriter err;

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onRunStarted(PipelineRunRecord run) {
        print("run " + run.id() + " of " + run.pipelineName());
    }

    @Override
    public void onStepStarted(long runId, StepRecord step) {
        print("[" + step.name() + "] " + step.kind() + " started");
    }

    @Override
    public void onLog(long runId, int stepIndex, String line) {
        print("  " + line);
    }

    @Override
    public void onStepEnded(long runId, StepRecord step) {
        print("[" + step.name() + "] " + PipelineJson.lower(step.status().name())
                + step.duration().map(d -> " in " + PipelineText.seconds(d)).orElse("")
                + (step.message().isEmpty() ? "" : ": " + step.message()));
    }

    private synchronized void print(String line) {
        err.println(line);
        err.flush();
    }
}
