package dev.modelfactory.studio.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.prefs.ThemeManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The first-run welcome driven headless: what it offers, what it hands the opener, how it shows a failure. */
@ExtendWith(ApplicationExtension.class)
class WelcomeViewTest {

    private static final Path SUGGESTED = Path.of("/home/ada/.local/share/modelfactory");
    private static final StudioContext CONTEXT = StudioContext.builder().appVersion("0.1.0").workspace("/w", "3")
            .computeDevice("CPU").preferencesFile(Path.of("/tmp/ui.properties")).build();

    private final List<WelcomeChoice> choices = new CopyOnWriteArrayList<>();
    private final AtomicReference<StudioContext> opened = new AtomicReference<>();
    private Stage stage;

    private Welcome.Builder welcome(String kit, List<DetectedModel> models) {
        return Welcome.builder().suggestedWorkspace(SUGGESTED).starterKit(kit).detector(() -> models)
                .opener((choice, progress) -> {
                    choices.add(choice);
                    progress.accept("Opening");
                    return CONTEXT;
                });
    }

    private void show(FxRobot robot, Welcome welcome) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(ThemeManager.LIGHT_STYLESHEET);
            stage = new Stage();
            stage.setScene(new Scene(new WelcomeView(welcome, opened::set).root(), 1100, 820));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        if (stage != null) {
            robot.interact(stage::close);
        }
    }

    @Test
    void offersTheSuggestedFolderTheKitAndTheModelsFound(FxRobot robot) throws Exception {
        show(robot, welcome("a 2.2 MB model and 4 demo datasets", List.of(
                new DetectedModel("llama3.2:1b", "Ollama", Path.of("/home/ada/.ollama/models/blobs/sha256-ab")),
                new DetectedModel("Qwen/Qwen2.5-0.5B", "Hugging Face cache", Path.of("/home/ada/.cache/hf/q")))).build());

        assertThat(robot.lookup("#" + WelcomeView.WORKSPACE_FIELD_ID).queryAs(TextField.class).getText())
                .isEqualTo(SUGGESTED.toString());
        CheckBox kit = robot.lookup("#" + WelcomeView.STARTER_CHECK_ID).queryAs(CheckBox.class);
        assertThat(kit.isSelected()).isTrue();
        assertThat(kit.isDisabled()).isFalse();
        assertThat(kit.getText()).contains("a 2.2 MB model and 4 demo datasets");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> modelLines(robot).stream().anyMatch(l -> l.startsWith("Found")));
        assertThat(modelLines(robot)).first().isEqualTo("Found 2 models:");
        assertThat(String.join("\n", modelLines(robot))).contains("llama3.2:1b", "Ollama", "Qwen/Qwen2.5-0.5B",
                "Hugging Face cache");
        for (String job : List.of("1. Curate", "2. Fine-tune", "3. Compare", "4. Attribute")) {
            assertThat(robot.lookup(job).tryQuery()).as(job).isPresent();
        }
    }

    @Test
    void openHandsTheTypedFolderAndTheKitChoiceToTheOpener(FxRobot robot) throws Exception {
        show(robot, welcome("kit", List.of()).build());
        robot.interact(() -> {
            robot.lookup("#" + WelcomeView.WORKSPACE_FIELD_ID).queryAs(TextField.class).setText("  /data/ws/../mf  ");
            robot.lookup("#" + WelcomeView.STARTER_CHECK_ID).queryAs(CheckBox.class).setSelected(false);
        });
        clickOpen(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> opened.get() != null);

        assertThat(choices).containsExactly(new WelcomeChoice(Path.of("/data/mf"), false));
        assertThat(opened.get()).isSameAs(CONTEXT);
    }

    @Test
    void noModelsAndNoKitSaySoAndTheKitCannotBeChosen(FxRobot robot) throws Exception {
        show(robot, welcome(null, List.of()).build());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> modelLines(robot).stream().anyMatch(l -> l.startsWith("No models")));
        CheckBox kit = robot.lookup("#" + WelcomeView.STARTER_CHECK_ID).queryAs(CheckBox.class);
        assertThat(kit.isDisabled()).isTrue();
        assertThat(kit.isSelected()).isFalse();

        clickOpen(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> opened.get() != null);
        assertThat(choices).containsExactly(new WelcomeChoice(SUGGESTED, false));
    }

    @Test
    void aFailedOpenIsShownAndTheUserCanTryAnotherFolder(FxRobot robot) throws Exception {
        show(robot, welcome("kit", List.of()).opener((choice, progress) -> {
            choices.add(choice);
            if (choice.workspace().equals(SUGGESTED)) {
                throw new IllegalStateException("The workspace " + SUGGESTED + " is in use by another studio (pid 42)");
            }
            return CONTEXT;
        }).build());

        clickOpen(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status(robot).contains("in use"));
        assertThat(status(robot)).isEqualTo("The workspace " + SUGGESTED + " is in use by another studio (pid 42)");
        assertThat(robot.lookup("#" + WelcomeView.OPEN_BUTTON_ID).queryAs(Button.class).isDisabled()).isFalse();
        assertThat(opened.get()).isNull();

        robot.interact(() -> robot.lookup("#" + WelcomeView.WORKSPACE_FIELD_ID).queryAs(TextField.class).setText("/data/other"));
        clickOpen(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> opened.get() != null);
        assertThat(choices).extracting(WelcomeChoice::workspace).containsExactly(SUGGESTED, Path.of("/data/other"));
    }

    @Test
    void aRelativeFolderIsRefusedWithoutCallingTheOpener(FxRobot robot) {
        show(robot, welcome("kit", List.of()).build());
        robot.interact(() -> robot.lookup("#" + WelcomeView.WORKSPACE_FIELD_ID).queryAs(TextField.class).setText("ws"));
        clickOpen(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status(robot)).isEqualTo("Enter an absolute folder for the workspace.");
        assertThat(choices).isEmpty();
    }

    /** Fires the button as a click does (the window may be smaller than the welcome, the button scrolled away). */
    private static void clickOpen(FxRobot robot) {
        Button open = robot.lookup("#" + WelcomeView.OPEN_BUTTON_ID).queryAs(Button.class);
        robot.interact(open::fire);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#" + WelcomeView.STATUS_ID).queryAs(Label.class).getText();
    }

    private static List<String> modelLines(FxRobot robot) {
        VBox box = robot.lookup("#" + WelcomeView.MODELS_ID).queryAs(VBox.class);
        return box.getChildren().stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }
}
