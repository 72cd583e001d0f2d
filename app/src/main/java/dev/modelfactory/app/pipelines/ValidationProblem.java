package dev.modelfactory.app.pipelines;

/**
 * One thing wrong with a pipeline file, where it is: {@code starter.yaml:12: steps[3].train.learning_rate:
 * expected a number}.
 *
 * @param file    the file's name as the user gave it
 * @param line    1-based line, 0 when the problem is the whole file
 * @param field   the path of the field ({@code steps[3].train.learning_rate}), empty for the whole file
 * @param message what is wrong
 */
public record ValidationProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
