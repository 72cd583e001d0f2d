package dev.modelfactory.studio;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.util.Objects;

/**
 * What the shell hands each page: the context, the executor for background work (never block the FX
 * thread), and the error handler for failures a page wants to report itself.
 */
public record StudioServices(StudioContext context, TaskExecutor executor, ErrorHandler errors) {

    public StudioServices {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(errors, "errors");
    }

    /** Every background task of this session. */
    public TaskRegistry tasks() {
        return executor.registry();
    }
}
