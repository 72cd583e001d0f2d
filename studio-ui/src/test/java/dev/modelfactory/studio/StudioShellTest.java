package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pages.HomePage;
import dev.modelfactory.studio.pages.SettingsPage;
import dev.modelfactory.studio.pages.TasksPage;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.ui.Glyph;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StudioShellTest {

    @TempDir
    Path temp;

    private StudioShell shell;

    @Start
    void start(Stage stage) {
        StudioContext context = TestContexts.builder(temp.resolve("ui.properties"))
                .addPage(services -> new StubPage("datasets", "Datasets"))
                .build();
        shell = StudioShell.builder(context).errors(new ErrorHandler(false)).build();
        stage.setScene(new Scene(shell.root(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() {
        shell.shutdown();
    }

    @Test
    void opensWithTheSidebarPagesAndHomeShowingWorkspaceAndDevice(FxRobot robot) {
        assertThat(shell.pages()).extracting(Page::id).containsExactly("home", "datasets", "tasks", "settings");
        for (Page page : shell.pages()) {
            assertThat(robot.lookup("#nav-" + page.id()).tryQuery()).as(page.id()).isPresent();
        }
        assertThat(shell.currentPage().id()).isEqualTo(HomePage.ID);
        assertThat(robot.lookup("#nav-home").queryAs(ToggleButton.class).isSelected()).isTrue();

        assertThat(text(robot, "#" + HomePage.WORKSPACE_FOLDER_ID)).isEqualTo(TestContexts.WORKSPACE);
        assertThat(text(robot, "#" + HomePage.SCHEMA_VERSION_ID)).isEqualTo(TestContexts.SCHEMA);
        assertThat(text(robot, "#" + HomePage.COMPUTE_DEVICE_ID)).isEqualTo(TestContexts.DEVICE);
        assertThat(robot.lookup("#status-device").queryAs(Label.class).getText()).isEqualTo(TestContexts.DEVICE);
        assertThat(robot.lookup("#status-workspace").queryAs(Label.class).getText()).isEqualTo(TestContexts.WORKSPACE);
        assertThat(robot.lookup("#status-tasks-text").queryAs(Label.class).getText()).isEqualTo("No tasks running");
    }

    @Test
    void clickingASidebarEntryShowsItsPage(FxRobot robot) {
        robot.clickOn("#nav-tasks");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.currentPage().id()).isEqualTo(TasksPage.ID);
        assertThat(robot.lookup("#" + TasksPage.LIST_ID).tryQuery()).isPresent();
        assertThat(robot.lookup("#" + HomePage.WORKSPACE_FOLDER_ID).tryQuery()).isEmpty();

        robot.clickOn("#nav-datasets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.currentPage().id()).isEqualTo("datasets");
        assertThat(robot.lookup("#stub-datasets").tryQuery()).isPresent();

        robot.clickOn("#nav-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.currentPage().id()).isEqualTo(SettingsPage.ID);
        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#nav-tasks").queryAs(ToggleButton.class).isSelected()).isFalse();
    }

    @Test
    void ctrlDigitsAndCtrlCommaSwitchPages(FxRobot robot) {
        robot.clickOn("#nav-home");
        shortcut(robot, KeyCode.DIGIT3);
        assertThat(shell.currentPage().id()).isEqualTo(TasksPage.ID);
        shortcut(robot, KeyCode.DIGIT2);
        assertThat(shell.currentPage().id()).isEqualTo("datasets");
        shortcut(robot, KeyCode.COMMA);
        assertThat(shell.currentPage().id()).isEqualTo(SettingsPage.ID);
        shortcut(robot, KeyCode.DIGIT1);
        assertThat(shell.currentPage().id()).isEqualTo(HomePage.ID);
        shortcut(robot, KeyCode.DIGIT9); // no ninth page: nothing happens
        assertThat(shell.currentPage().id()).isEqualTo(HomePage.ID);
    }

    @Test
    void pageCallbacksRunWhenShown(FxRobot robot) {
        StubPage datasets = (StubPage) shell.pages().get(1);
        int before = datasets.shown;
        robot.clickOn("#nav-datasets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(datasets.shown).isEqualTo(before + 1);
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class).getText();
    }

    /** A stand-in for a page that a later issue delivers through the context. */
    static final class StubPage implements Page {
        private final String id;
        private final String title;
        int shown;

        StubPage(String id, String title) {
            this.id = id;
            this.title = title;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public Node icon() {
            return Glyph.DATABASE.node(16);
        }

        @Override
        public Node view() {
            Label label = new Label(title);
            label.setId("stub-" + id);
            return label;
        }

        @Override
        public void onShow() {
            shown++;
        }
    }
}
