package dev.modelfactory.studio.task;

/**
 * Runs {@link BackgroundTask}s. Implementations register each task with their {@link TaskRegistry}, run the
 * work off the delivery thread (or inline, for tests), and deliver state, progress and callbacks on the
 * delivery thread. Failures nobody handles go to the executor's unhandled-failure handler.
 */
public interface TaskExecutor {

    /** Starts (or queues) the task; never blocks on the work. */
    <T> void execute(BackgroundTask<T> task);

    /** The registry every executed task is added to. */
    TaskRegistry registry();

    /** Stops accepting tasks and asks running ones to cancel; does not wait. */
    default void shutdown() {
    }
}
