package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.util.List;

/**
 * How a step ended when it did not throw.
 *
 * @param outputs what it made (every output its kind declares, unless waiting)
 * @param waiting true for an approve step with no decision yet: the run waits
 * @param message a line for the step's status (empty when there is nothing to add)
 */
public record StepResult(List<OutputRef> outputs, boolean waiting, String message) {

    public StepResult {
        outputs = List.copyOf(outputs);
        message = message == null ? "" : message;
    }

    public static StepResult done(String message, OutputRef... outputs) {
        return new StepResult(List.of(outputs), false, message);
    }

    public static StepResult waiting(String message) {
        return new StepResult(List.of(), true, message);
    }
}
