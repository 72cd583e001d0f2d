package dev.modelfactory.studio.datasets;

import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.Work;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Runs the page's catalog calls as background tasks: counts what is running (busy, and the latest title as
 * the activity line), applies results on the delivery thread, and hands failures to the studio's error
 * handler with what was being done. Shared by the page's view models so one spinner covers them all.
 */
final class TaskSubmitter {

    private final TaskExecutor executor;
    private final BiConsumer<String, Throwable> errors;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");

    TaskSubmitter(TaskExecutor executor, BiConsumer<String, Throwable> errors) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.errors = Objects.requireNonNull(errors, "errors");
        busy.bind(running.greaterThan(0));
    }

    <T> BackgroundTask<T> submit(String title, Work<T> work, Consumer<T> apply) {
        return submit(title, work, apply, error -> { });
    }

    /** Like {@link #submit(String, Work, Consumer)}; {@code failed} runs before the error is reported. */
    <T> BackgroundTask<T> submit(String title, Work<T> work, Consumer<T> apply, Consumer<Throwable> failed) {
        return submit(title, work, apply, failed, () -> { });
    }

    /** The full form: {@code cancelled} runs when the task ends cancelled (its result is then dropped). */
    <T> BackgroundTask<T> submit(String title, Work<T> work, Consumer<T> apply, Consumer<Throwable> failed,
                                 Runnable cancelled) {
        running.set(running.get() + 1);
        activity.set(title + "\u2026");
        return BackgroundTask.of(title, work)
                .onSuccess(result -> {
                    finished();
                    apply.accept(result);
                })
                .onFailure(error -> {
                    finished();
                    failed.accept(error);
                    errors.accept(title, error);
                })
                .onCancelled(() -> {
                    finished();
                    cancelled.run();
                })
                .runOn(executor);
    }

    void report(String what, Throwable error) {
        errors.accept(what, error);
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    private void finished() {
        running.set(running.get() - 1);
        if (running.get() == 0) {
            activity.set("");
        }
    }
}
