package dev.modelfactory.studio.task;

/** Receives failures of tasks that have no failure callback of their own (the studio shows a dialog). */
@FunctionalInterface
public interface UnhandledFailureHandler {
    void unhandledFailure(BackgroundTask<?> task, Throwable failure);
}
