package dev.modelfactory.app.pipelines.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline file that passed validation.
 *
 * @param file        where it was read from (absolute)
 * @param text        its YAML text (what a run stores and a resume replays)
 * @param schedule    run every this long ({@code triggers.schedule.every})
 * @param watch       run when files matching the pattern land in this folder ({@code triggers.watch})
 */
public record PipelineSpec(Path file, String text, String name, String description, Optional<Duration> schedule,
        Optional<Watch> watch, List<StepSpec> steps) {

    /** A watched folder (resolved against the file's folder) and a glob for the file names. */
    public record Watch(Path folder, String pattern) {
    }

    public PipelineSpec {
        steps = List.copyOf(steps);
    }

    public StepSpec step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step named " + stepName));
    }
}
