package dev.modelfactory.studio.task;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A titled unit of background work with observable progress, message and state, a cancellation flag, and
 * result/failure callbacks. The observable properties and callbacks are only touched on the thread the
 * executor delivers to (the FX thread for {@link FxTaskExecutor}); {@link #cancel()} may be called anywhere.
 *
 * <p>A task with no {@link #onFailure failure callback} hands its failure to the executor's handler for
 * unhandled failures (the studio's error dialog), so no failure is ever silently dropped.
 *
 * <pre>{@code
 * BackgroundTask.of("Import dataset", ctx -> importer.run(ctx::updateProgress, ctx::isCancelled))
 *         .onSuccess(view::show)
 *         .runOn(executor);
 * }</pre>
 */
public final class BackgroundTask<T> {

    /** Progress value meaning "no idea how far along". */
    public static final double INDETERMINATE = -1.0;

    private final Work<T> work;
    private final ReadOnlyStringWrapper title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", INDETERMINATE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<TaskState> state = new ReadOnlyObjectWrapper<>(this, "state", TaskState.QUEUED);
    private final ReadOnlyObjectWrapper<Throwable> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<? super Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private T result;

    private BackgroundTask(String title, Work<T> work) {
        this.title = new ReadOnlyStringWrapper(this, "title", Objects.requireNonNull(title, "title"));
        this.work = Objects.requireNonNull(work, "work");
    }

    /** A task with the given title and body. */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Called with the result on the delivery thread when the work returns without being cancelled. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the delivery thread when the work throws; replaces the global unhandled-failure handler. */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Called on the delivery thread when the task ends cancelled. */
    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback, "callback");
        return this;
    }

    /** Submits this task to the executor and returns it (for chaining). */
    public BackgroundTask<T> runOn(TaskExecutor executor) {
        executor.execute(this);
        return this;
    }

    /** Asks the work to stop; it ends CANCELLED once it notices (a queued task never starts). */
    public void cancel() {
        cancelRequested.set(true);
    }

    /** True once {@link #cancel()} was called. */
    public boolean isCancelRequested() {
        return cancelRequested.get();
    }

    public String getTitle() {
        return title.get();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** 0..1, or {@link #INDETERMINATE}. */
    public double getProgress() {
        return progress.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public TaskState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<TaskState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The failure of a FAILED task, else null. */
    public Throwable getFailure() {
        return failure.get();
    }

    public ReadOnlyObjectProperty<Throwable> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** The result of a SUCCEEDED task, else null. */
    public T getResult() {
        return result;
    }

    @Override
    public String toString() {
        return "BackgroundTask[" + getTitle() + ", " + getState() + "]";
    }

    // ---- executor side (same package): runs the body and moves the observable state ----

    T runWork(TaskContext context) throws Exception {
        return work.run(context);
    }

    void publish(double newProgress, String newMessage) {
        if (state.get().isFinished()) {
            return;
        }
        progress.set(newProgress);
        if (newMessage != null) {
            message.set(newMessage);
        }
    }

    void markRunning() {
        state.set(TaskState.RUNNING);
    }

    void succeed(T value) {
        result = value;
        progress.set(1.0);
        state.set(TaskState.SUCCEEDED);
        onSuccess.accept(value);
    }

    void markCancelled() {
        state.set(TaskState.CANCELLED);
        if (message.get() == null || message.get().isBlank()) {
            message.set("Stopped before it finished");
        }
        onCancelled.run();
    }

    /** Marks the task failed; returns false when nobody handled the failure (the caller must report it). */
    boolean fail(Throwable error) {
        failure.set(error);
        state.set(TaskState.FAILED);
        String text = error.getMessage();
        message.set(text == null || text.isBlank() ? error.getClass().getSimpleName() : text);
        if (onFailure == null) {
            return false;
        }
        onFailure.accept(error);
        return true;
    }
}
