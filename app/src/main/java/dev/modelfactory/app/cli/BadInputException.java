package dev.modelfactory.app.cli;

/**
 * Input the user can fix (a file, line or field that is wrong): reported without a stack trace and with
 * exit code 2. The message must name what is wrong and where.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
