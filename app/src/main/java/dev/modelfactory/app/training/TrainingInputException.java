package dev.modelfactory.app.training;

/** Input the user can fix (a model, dataset or setting that is wrong); the message names the field. */
public final class TrainingInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TrainingInputException(String message) {
        super(message);
    }

    public TrainingInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
