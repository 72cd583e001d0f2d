package dev.modelfactory.studio.task;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every task the studio ran in this session, newest last, for the task view and the status bar. Changed only
 * on the delivery thread (the FX thread in the studio). Finished tasks stay until {@link #clearFinished()}.
 */
public final class TaskRegistry {

    private final ObservableList<BackgroundTask<?>> tasks =
            FXCollections.observableArrayList(task -> new javafx.beans.Observable[] {task.stateProperty()});
    private final ObservableList<BackgroundTask<?>> readOnly = FXCollections.unmodifiableObservableList(tasks);
    private final FilteredList<BackgroundTask<?>> active = new FilteredList<>(tasks, t -> !t.getState().isFinished());
    private final IntegerBinding activeCount = Bindings.size(active);
    private final ObjectBinding<BackgroundTask<?>> latestActive =
            Bindings.createObjectBinding(() -> active.isEmpty() ? null : active.getLast(), active);

    void add(BackgroundTask<?> task) {
        tasks.add(task);
    }

    /** All tasks, oldest first; unmodifiable, updates when a task's state changes. */
    public ObservableList<BackgroundTask<?>> tasks() {
        return readOnly;
    }

    /** Queued or running tasks, oldest first. */
    public ObservableList<BackgroundTask<?>> activeTasks() {
        return active;
    }

    /** How many tasks are queued or running. */
    public IntegerBinding activeCount() {
        return activeCount;
    }

    /** The most recently started task that is still queued or running, or null. */
    public ObjectBinding<BackgroundTask<?>> latestActive() {
        return latestActive;
    }

    /** Forgets every finished task. */
    public void clearFinished() {
        tasks.removeIf(t -> t.getState().isFinished());
    }
}
