package dev.modelfactory.engine.eval.io;

/**
 * A suite file that cannot be used as it is. The message reads "FILE line N, field 'F': why" so a user can
 * fix it; {@link #line} is 1-based (0 when the problem is the file as a whole) and {@link #field} is empty
 * when no single field is at fault.
 */
public final class SuiteFormatException extends IllegalArgumentException {

    private final String file;
    private final long line;
    private final String field;

    public SuiteFormatException(String file, long line, String field, String why) {
        super(file + (line > 0 ? " line " + line : "") + (field.isEmpty() ? "" : ", field '" + field + "'")
                + ": " + why);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
