package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pages.SettingsPage;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.prefs.ThemeManager;
import dev.modelfactory.studio.prefs.UiPreferencesStore;
import dev.modelfactory.studio.shell.StudioShell;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
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
class ThemeSettingsTest {

    @TempDir
    Path temp;

    private StudioShell shell;
    private StudioContext context;

    @Start
    void start(Stage stage) {
        context = TestContexts.context(temp.resolve("prefs").resolve("ui.properties"));
        shell = StudioShell.builder(context).errors(new ErrorHandler(false)).theme(ThemeChoice.LIGHT).build();
        stage.setScene(new Scene(shell.root(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() {
        shell.shutdown();
    }

    @Test
    void settingsShowsTheWorkspaceAndThePreferencesFile(FxRobot robot) {
        robot.clickOn("#nav-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#" + SettingsPage.WORKSPACE_FOLDER_ID).queryAs(TextField.class).getText())
                .isEqualTo(TestContexts.WORKSPACE);
        assertThat(robot.lookup("#" + SettingsPage.PREFERENCES_FILE_ID).queryAs(TextField.class).getText())
                .isEqualTo(context.preferencesFile().toAbsolutePath().toString());
    }

    @Test
    void choosingDarkAppliesItLiveAndANewShellReadsItBack(FxRobot robot) {
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeManager.LIGHT_STYLESHEET);
        robot.clickOn("#nav-settings");
        robot.clickOn("#" + SettingsPage.themeButtonId(ThemeChoice.DARK));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeManager.DARK_STYLESHEET);
        assertThat(shell.themes().isDark()).isTrue();
        assertThat(new UiPreferencesStore(context.preferencesFile()).load().theme()).isEqualTo(ThemeChoice.DARK);

        StudioShell[] second = new StudioShell[1];
        robot.interact(() -> second[0] = StudioShell.builder(context).errors(new ErrorHandler(false)).build());
        assertThat(second[0].themes().getChoice()).isEqualTo(ThemeChoice.DARK);
        assertThat(second[0].preferences().theme()).isEqualTo(ThemeChoice.DARK);
        second[0].shutdown();

        robot.clickOn("#" + SettingsPage.themeButtonId(ThemeChoice.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeManager.LIGHT_STYLESHEET);
        assertThat(new UiPreferencesStore(context.preferencesFile()).load().theme()).isEqualTo(ThemeChoice.LIGHT);
    }

    @Test
    void clickingTheActiveThemeKeepsItSelected(FxRobot robot) {
        robot.clickOn("#nav-settings");
        robot.clickOn("#" + SettingsPage.themeButtonId(ThemeChoice.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#" + SettingsPage.themeButtonId(ThemeChoice.LIGHT)).queryAs(ToggleButton.class)
                .isSelected()).isTrue();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeManager.LIGHT_STYLESHEET);
    }
}
