package dev.modelfactory.studio.pipelines;

import java.util.List;
import java.util.Objects;

/**
 * A pipeline the workspace knows, with the result of validating its file now.
 *
 * @param name     the pipeline's name (unique in the workspace)
 * @param file     where its YAML lives, as the user should read it
 * @param steps    its steps in file order (empty when the file could not be read at all)
 * @param problems what is wrong with the file; empty when it is valid
 */
public record PipelineInfo(String name, String file, List<StepSpec> steps, List<PipelineProblem> problems) {

    public PipelineInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }

    /** True when the file validated: only valid pipelines can run. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
