package dev.modelfactory.studio.pages;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Every task of a {@link TaskRegistry} as a row: title, state, progress bar, message and a Cancel button
 * (enabled while the task can still be stopped). Shows an explanation instead when there are no tasks.
 */
public final class TaskListView extends VBox {

    /** Id of the Cancel button inside each row (look it up from the row). */
    public static final String CANCEL_ID = "task-cancel";

    private final TaskRegistry registry;
    private final Map<BackgroundTask<?>, Node> rows = new IdentityHashMap<>();
    private final Node empty = PageLayout.emptyState(Glyph.TASKS, "No background tasks",
            "Long work \u2014 imports, training, evaluation \u2014 runs in the background and shows here with "
                    + "its progress and a Cancel button.");

    public TaskListView(TaskRegistry registry) {
        this.registry = registry;
        getStyleClass().addAll(StudioStyles.PANEL, StudioStyles.TASK_LIST);
        registry.tasks().addListener((ListChangeListener<BackgroundTask<?>>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved()) {
                    rebuild();
                    return;
                }
            }
        });
        rebuild();
    }

    private void rebuild() {
        rows.keySet().retainAll(registry.tasks());
        if (registry.tasks().isEmpty()) {
            getChildren().setAll(empty);
            return;
        }
        getChildren().setAll(registry.tasks().reversed().stream()
                .map(task -> rows.computeIfAbsent(task, TaskListView::row))
                .toList());
        PageLayout.markLast(this);
    }

    private static Node row(BackgroundTask<?> task) {
        Label title = new Label();
        title.textProperty().bind(task.titleProperty());
        title.getStyleClass().add(StudioStyles.TASK_TITLE);

        Label state = new Label();
        state.getStyleClass().add(StudioStyles.TASK_STATE);
        state.textProperty().bind(Bindings.createStringBinding(() -> task.getState().label(), task.stateProperty()));
        styleState(state, task.getState());
        task.stateProperty().addListener((obs, old, now) -> styleState(state, now));

        Button cancel = new Button("Cancel", Glyph.CLOSE.node(12));
        cancel.setId(CANCEL_ID);
        cancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
        BooleanProperty requested = new SimpleBooleanProperty(task.isCancelRequested());
        cancel.setOnAction(event -> {
            task.cancel();
            requested.set(true);
        });
        BooleanBinding finished = Bindings.createBooleanBinding(() -> task.getState().isFinished(),
                task.stateProperty());
        cancel.disableProperty().bind(requested);
        cancel.visibleProperty().bind(finished.not());

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(task.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add(Styles.SMALL);
        bar.visibleProperty().bind(finished.not()); // a finished task's state badge says it all
        bar.managedProperty().bind(bar.visibleProperty());

        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        message.getStyleClass().add(StudioStyles.TASK_MESSAGE);

        HBox top = new HBox(10, title, state, PageLayout.hgap(), cancel);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox row = new VBox(top, bar, message);
        row.getStyleClass().add(StudioStyles.TASK_ROW);
        row.setUserData(task);
        return row;
    }

    private static void styleState(Label state, TaskState now) {
        state.getStyleClass().removeIf(c -> !c.equals(StudioStyles.TASK_STATE) && !c.equals("label"));
        state.getStyleClass().add(now.name().toLowerCase(Locale.ROOT));
    }
}
