package dev.modelfactory.studio.shell;

import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The bottom line: compute device, workspace folder, and how many tasks run (click: the Tasks page). */
final class StatusBar extends HBox {

    static final String DEVICE_ID = "status-device";
    static final String WORKSPACE_ID = "status-workspace";
    static final String TASKS_ID = "status-tasks";
    static final String TASKS_TEXT_ID = "status-tasks-text";
    static final String TASKS_PROGRESS_ID = "status-tasks-progress";

    StatusBar(StudioContext context, TaskRegistry tasks, Runnable openTasks) {
        getStyleClass().add(StudioStyles.STATUS_BAR);
        getChildren().addAll(
                item(DEVICE_ID, Glyph.CHIP, context.computeDevice(), "Compute device"),
                item(WORKSPACE_ID, Glyph.FOLDER, context.workspaceFolder(),
                        "Workspace \u00b7 schema " + context.schemaVersion()),
                PageLayout.hgap(),
                taskIndicator(tasks, openTasks));
    }

    private static Node item(String id, Glyph glyph, String text, String tooltip) {
        Label label = new Label(text, glyph.node(14));
        label.setId(id);
        label.getStyleClass().add(StudioStyles.STATUS_ITEM);
        label.setTooltip(new Tooltip(tooltip + ": " + text));
        label.setMinWidth(0);
        return label;
    }

    private static Node taskIndicator(TaskRegistry tasks, Runnable openTasks) {
        Label text = new Label();
        text.setId(TASKS_TEXT_ID);
        text.getStyleClass().add(StudioStyles.STATUS_ITEM);
        text.textProperty().bind(Bindings.createStringBinding(() -> describe(tasks),
                tasks.activeCount(), tasks.latestActive()));

        ProgressBar progress = new ProgressBar(0);
        progress.setId(TASKS_PROGRESS_ID);
        progress.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        progress.visibleProperty().bind(tasks.activeCount().greaterThan(0));
        progress.managedProperty().bind(progress.visibleProperty());
        tasks.latestActive().addListener((obs, old, now) -> {
            progress.progressProperty().unbind();
            if (now != null) {
                progress.progressProperty().bind(now.progressProperty());
            }
        });

        HBox indicator = new HBox(text, progress);
        indicator.setId(TASKS_ID);
        indicator.getStyleClass().add(StudioStyles.TASK_INDICATOR);
        indicator.setOnMouseClicked(event -> openTasks.run());
        Tooltip.install(indicator, new Tooltip("Show all tasks"));
        return indicator;
    }

    private static String describe(TaskRegistry tasks) {
        int running = tasks.activeCount().get();
        BackgroundTask<?> latest = tasks.latestActive().get();
        if (running == 0 || latest == null) {
            return "No tasks running";
        }
        String count = running == 1 ? "1 task" : running + " tasks";
        return count + " \u00b7 " + latest.getTitle();
    }
}
