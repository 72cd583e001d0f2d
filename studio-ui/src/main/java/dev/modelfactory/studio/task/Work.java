package dev.modelfactory.studio.task;

/** The body of a {@link BackgroundTask}: runs off the FX thread and must never touch the scene graph. */
@FunctionalInterface
public interface Work<T> {
    T run(TaskContext context) throws Exception;
}
