package dev.modelfactory.app.pipelines;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link PipelineService#validate} found in a pipeline file.
 *
 * @param name        the pipeline's {@code name} (the file's base name if it has none or cannot be read)
 * @param steps       the steps it declares (as far as they could be read)
 * @param schedule    {@code triggers.schedule.every}, if set
 * @param watchFolder {@code triggers.watch.folder} resolved against the file's folder, if set
 * @param problems    empty when the pipeline can run
 */
public record Validation(Path file, String name, String description, List<StepOutline> steps,
        Optional<Duration> schedule, Optional<Path> watchFolder, List<ValidationProblem> problems) {

    public Validation {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
