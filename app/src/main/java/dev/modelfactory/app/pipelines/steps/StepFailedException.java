package dev.modelfactory.app.pipelines.steps;

/**
 * A step ended without its outputs for a reason the user acts on (a gate not passed, a check threshold
 * exceeded, a rejection, a missing dataset): the run stops FAILED with this message.
 */
public final class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
