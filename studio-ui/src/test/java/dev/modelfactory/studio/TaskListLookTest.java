package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pages.TasksPage;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The task view with tasks in every end state plus a running one, in both themes: every row is present and
 * the rendering is not blank. With {@code -Dstudio.snapshot.dir=DIR} the images are kept for a visual check.
 */
@ExtendWith(ApplicationExtension.class)
class TaskListLookTest {

    @TempDir
    Path temp;

    @Start
    void start(Stage primary) {
        // scenes are rendered off-window
    }

    @Test
    void tasksInEveryStateRenderAsRows(FxRobot robot) throws IOException {
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            WritableImage[] image = new WritableImage[1];
            int[] rows = new int[1];
            robot.interact(() -> {
                ErrorHandler errors = new ErrorHandler(false);
                CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor(new TaskRegistry(), errors);
                StudioShell shell = StudioShell.builder(TestContexts.context(temp.resolve("ui.properties")))
                        .errors(errors).executor(executor).theme(theme).persistPreferences(false).build();
                BackgroundTask.of("Import dataset legal-qa.jsonl", c -> {
                    c.updateMessage("12,480 rows imported");
                    return null;
                }).runOn(executor);
                BackgroundTask.of("Evaluate adapter on held-out set", c -> {
                    throw new IllegalStateException("tokenizer.json not found in /models/smollm-135m");
                }).onFailure(e -> { }).runOn(executor);
                BackgroundTask<Object> cancelled = BackgroundTask.of("Train LoRA r=8", c -> {
                    c.updateProgress(0.37);
                    c.throwIfCancelled();
                    return null;
                });
                cancelled.cancel();
                cancelled.runOn(executor);
                shell.show(TasksPage.ID);
                Scene scene = new Scene(shell.root(), StudioSnapshots.WIDTH, StudioSnapshots.HEIGHT);
                // the inline executor runs this on the FX thread: render while the task is still running
                BackgroundTask.of("Merge checkpoints", c -> {
                    c.updateProgress(0.62);
                    c.updateMessage("Layer 14 of 22 \u00b7 q_proj, v_proj");
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    rows[0] = scene.getRoot().lookupAll(".task-row").size();
                    image[0] = scene.snapshot(null);
                    return null;
                }).runOn(executor);
            });
            assertThat(rows[0]).isEqualTo(4);
            Path dir = System.getProperty("studio.snapshot.dir") == null ? temp
                    : Path.of(System.getProperty("studio.snapshot.dir"));
            Files.createDirectories(dir);
            Path file = dir.resolve("tasks-with-rows-" + theme.name().toLowerCase() + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
            assertThat(Files.size(file)).isGreaterThan(10_000);
        }
    }
}
