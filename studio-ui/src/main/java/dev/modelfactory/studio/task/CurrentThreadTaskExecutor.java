package dev.modelfactory.studio.task;

import java.util.Objects;

/**
 * Runs each task synchronously on the calling thread, with every update and callback inline: for tests and
 * view models that want deterministic, stage-free behaviour. {@link #execute} returns once the task ended.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private final TaskRegistry registry;
    private final UnhandledFailureHandler unhandled;

    /** Unhandled failures are rethrown wrapped in an {@link IllegalStateException} (tests then fail loudly). */
    public CurrentThreadTaskExecutor() {
        this(new TaskRegistry(), (task, failure) -> {
            throw new IllegalStateException("Unhandled failure in task '" + task.getTitle() + "'", failure);
        });
    }

    public CurrentThreadTaskExecutor(TaskRegistry registry, UnhandledFailureHandler unhandled) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.unhandled = Objects.requireNonNull(unhandled, "unhandled");
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        registry.add(task);
        TaskContext context = new TaskContext() {
            @Override
            public void updateProgress(double fraction) {
                task.publish(fraction < 0 ? BackgroundTask.INDETERMINATE : Math.min(fraction, 1.0), null);
            }

            @Override
            public void updateMessage(String message) {
                task.publish(task.getProgress(), message);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelRequested();
            }
        };
        TaskRunner.run(task, context, () -> { }, Runnable::run, unhandled);
    }

    @Override
    public TaskRegistry registry() {
        return registry;
    }
}
