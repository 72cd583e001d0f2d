package dev.modelfactory.studio.pages;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;

/** Every background task of the session with progress, state and Cancel; finished ones can be cleared. */
public final class TasksPage implements Page {

    public static final String ID = "tasks";
    public static final String CLEAR_ID = "tasks-clear-finished";
    public static final String LIST_ID = "tasks-list";

    private final TaskRegistry tasks;
    private final Node view;

    public TasksPage(TaskRegistry tasks) {
        this.tasks = tasks;
        this.view = PageLayout.scrollingPage(
                header(),
                taskList());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Tasks";
    }

    @Override
    public Node icon() {
        return Glyph.TASKS.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    private Node header() {
        Button clear = new Button("Clear finished");
        clear.setId(CLEAR_ID);
        clear.getStyleClass().add(Styles.BUTTON_OUTLINED);
        clear.setOnAction(event -> tasks.clearFinished());
        clear.disableProperty().bind(Bindings.size(tasks.tasks()).isEqualTo(tasks.activeCount()));
        return PageLayout.header("Tasks",
                "Background work of this session, newest first. Cancelling asks the work to stop at its next "
                        + "safe point.", clear);
    }

    private Node taskList() {
        TaskListView list = new TaskListView(tasks);
        list.setId(LIST_ID);
        return list;
    }
}
