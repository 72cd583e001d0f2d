package dev.modelfactory.studio.error;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/** One reported error: where it happened (a task title, a thread name), what, and when. */
public record ErrorReport(String source, Throwable error, Instant time) {

    public ErrorReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(time, "time");
    }

    /** The most helpful one-line message: the deepest cause's message, else its type. */
    public String summary() {
        Throwable t = error;
        String best = describe(t);
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = describe(t);
            }
        }
        return best;
    }

    /** The full stack trace, for the expandable details. */
    public String stackTrace() {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
