package dev.modelfactory.studio.pipelines;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run with all its steps, in the pipeline's order.
 *
 * @param summary the run's line in the list
 * @param reason  why it stopped (the failed step's error, the rejection's reason), or null
 * @param steps   every step of the pipeline, reached or not
 */
public record RunDetail(RunSummary summary, String reason, List<StepRun> steps) {

    public RunDetail {
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
    }

    public long id() {
        return summary.id();
    }

    public RunStatus status() {
        return summary.status();
    }

    public Optional<StepRun> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The {@code approve} step waiting for a person, if the run is waiting. */
    public Optional<StepRun> waitingApproval() {
        return steps.stream().filter(StepRun::awaitsApproval).findFirst();
    }

    /** Steps that have ended (ran, were skipped, failed...) out of all: the run's progress. */
    public long finishedSteps() {
        return steps.stream().filter(s -> s.status().isFinished()).count();
    }
}
