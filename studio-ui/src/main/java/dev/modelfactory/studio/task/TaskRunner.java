package dev.modelfactory.studio.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The life cycle both executors share: run the body on the current thread, deliver the outcome. */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private TaskRunner() {
    }

    /**
     * Runs the task's work here and hands every state change to {@code deliver}.
     *
     * @param flush publishes the context's latest progress/message; delivered before the outcome
     */
    static <T> void run(BackgroundTask<T> task, TaskContext context, Runnable flush, Executor deliver,
                        UnhandledFailureHandler unhandled) {
        if (task.isCancelRequested()) {
            deliver.execute(task::markCancelled);
            return;
        }
        deliver.execute(task::markRunning);
        T value;
        try {
            value = task.runWork(context);
        } catch (Throwable error) {
            if (isCancellation(task, error)) {
                deliver.execute(() -> { flush.run(); task.markCancelled(); });
            } else {
                LOG.debug("Task '{}' failed", task.getTitle(), error);
                deliver.execute(() -> {
                    flush.run();
                    if (!task.fail(error)) {
                        unhandled.unhandledFailure(task, error);
                    }
                });
            }
            if (error instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        deliver.execute(() -> {
            flush.run();
            if (task.isCancelRequested()) {
                task.markCancelled();
            } else {
                task.succeed(value);
            }
        });
    }

    private static boolean isCancellation(BackgroundTask<?> task, Throwable error) {
        return error instanceof CancellationException
                || (task.isCancelRequested() && error instanceof InterruptedException);
    }
}
