package dev.modelfactory.studio.pipelines;

import java.util.Objects;

/**
 * One thing wrong with a pipeline file, where it is: {@code starter.yaml:12: steps[3].suite: unknown suite}.
 *
 * @param file    the file's name or path as the user should read it
 * @param line    1-based line, or 0 when the problem has no line (the file is missing, say)
 * @param field   the field's path in the YAML ({@code steps[3].suite}), or empty for the whole file
 * @param message what is wrong and, where it helps, what would be right
 */
public record PipelineProblem(String file, int line, String field, String message) {

    public PipelineProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: field: message} (the parts that are known). */
    public String text() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(message).toString();
    }
}
