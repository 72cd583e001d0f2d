package dev.modelfactory.app.pipelines;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline file that cannot run: every problem found, each naming the file, line and field. */
public final class PipelineValidationException extends IllegalArgumentException {

    private final transient List<ValidationProblem> problems;

    public PipelineValidationException(List<ValidationProblem> problems) {
        super(problems.stream().map(ValidationProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
