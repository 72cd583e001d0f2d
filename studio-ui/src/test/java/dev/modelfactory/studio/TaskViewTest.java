package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.error.ErrorReport;
import dev.modelfactory.studio.pages.TaskListView;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TaskViewTest {

    private static final long TIMEOUT = 10;

    @TempDir
    Path temp;

    private StudioShell shell;
    private ErrorHandler errors;

    private final ListAppender<ILoggingEvent> errorLog = new ListAppender<>();

    @BeforeEach
    void captureErrorLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorHandler.class);
        logger.setAdditive(false); // keep the expected stack traces out of the build output
        errorLog.start();
        logger.addAppender(errorLog);
    }

    @Start
    void start(Stage stage) {
        errors = new ErrorHandler(true);
        FxTaskExecutor executor = new FxTaskExecutor(2, new TaskRegistry(), errors);
        shell = StudioShell.builder(TestContexts.context(temp.resolve("ui.properties")))
                .errors(errors).executor(executor).build();
        stage.setScene(new Scene(shell.root(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorHandler.class);
        logger.detachAppender(errorLog);
        logger.setAdditive(true);
        shell.shutdown();
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w != shell.root().getScene().getWindow()).toList()
                .forEach(Window::hide));
    }

    @Test
    void aRunningTaskShowsProgressAndCancelStopsIt(FxRobot robot) throws Exception {
        AtomicBoolean sawCancellation = new AtomicBoolean();
        BackgroundTask<String> task = BackgroundTask.of("Import rows", context -> {
            context.updateMessage("Reading shard 1 of 2");
            context.updateProgress(1, 2);
            while (!context.isCancelled()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            sawCancellation.set(true);
            return "partial";
        });
        task.runOn(shell.services().executor());
        robot.clickOn("#nav-tasks");

        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> task.getProgress() == 0.5
                && WaitForAsyncUtils.asyncFx(() -> robot.lookup(".task-row").tryQuery().isPresent()).get());
        Node row = robot.lookup(".task-row").query();
        assertThat(robot.from(row).lookup(".task-title").queryAs(Label.class).getText()).isEqualTo("Import rows");
        assertThat(robot.from(row).lookup(".task-message").queryAs(Label.class).getText())
                .isEqualTo("Reading shard 1 of 2");
        assertThat(robot.from(row).lookup(".progress-bar").queryAs(ProgressBar.class).getProgress()).isEqualTo(0.5);
        assertThat(robot.from(row).lookup(".task-state").queryAs(Label.class).getText()).isEqualTo("Running");
        assertThat(robot.lookup("#status-tasks-text").queryAs(Label.class).getText())
                .isEqualTo("1 task \u00b7 Import rows");
        assertThat(robot.lookup("#status-tasks-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(0.5);

        robot.clickOn(robot.from(row).lookup("#" + TaskListView.CANCEL_ID).queryAs(Button.class));
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> task.getState() == TaskState.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(sawCancellation).isTrue();
        assertThat(task.getResult()).isNull();
        assertThat(robot.from(row).lookup(".task-state").queryAs(Label.class).getText()).isEqualTo("Cancelled");
        assertThat(robot.from(row).lookup("#" + TaskListView.CANCEL_ID).queryAs(Button.class).isVisible()).isFalse();
        assertThat(robot.lookup("#status-tasks-text").queryAs(Label.class).getText()).isEqualTo("No tasks running");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void aFailingTaskNobodyHandlesReachesTheErrorHandlerInOneDialogAndTheLog(FxRobot robot) throws Exception {
        BackgroundTask.of("Load adapter", context -> {
            throw new IllegalStateException("adapter_config.json is missing");
        }).runOn(shell.services().executor());

        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> errors.reports().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        ErrorReport report = errors.reports().getFirst();
        assertThat(report.source()).contains("Load adapter");
        assertThat(report.summary()).isEqualTo("adapter_config.json is missing");
        assertThat(errors.isDialogShowing()).isTrue();
        assertThat(robot.lookup(".studio-error-dialog .content").queryLabeled().getText())
                .isEqualTo("adapter_config.json is missing");

        // more errors while the dialog is open are coalesced into it, not stacked as new dialogs
        for (int i = 0; i < 5; i++) {
            BackgroundTask.of("Failing " + i, context -> {
                throw new IllegalArgumentException("bad input");
            }).runOn(shell.services().executor());
        }
        Thread thread = new Thread(() -> {
            throw new IllegalStateException("boom on a worker thread");
        }, "worker");
        thread.setUncaughtExceptionHandler(errors);
        thread.start();
        thread.join();
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> errors.reports().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".studio-error-dialog").queryAll()).hasSize(1);
        assertThat(robot.lookup(".studio-error-dialog .header-panel .label").queryLabeled().getText())
                .isEqualTo("7 errors occurred");
        assertThat(errors.reports()).extracting(ErrorReport::source).contains("Thread worker");
        assertThat(errorLog.list).hasSize(7).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
        keepDialogImage(robot);
    }

    /** With -Dstudio.snapshot.dir the open error dialog is saved for a visual check. */
    private static void keepDialogImage(FxRobot robot) throws IOException {
        String dir = System.getProperty("studio.snapshot.dir");
        if (dir == null) {
            return;
        }
        Node pane = robot.lookup(".studio-error-dialog").query();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = pane.getScene().snapshot(null));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", Path.of(dir, "error-dialog.png").toFile());
        robot.interact(() -> {
            ((javafx.scene.control.DialogPane) pane).setExpanded(true);
            pane.getScene().getWindow().sizeToScene();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> image[0] = pane.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png",
                Path.of(dir, "error-dialog-details.png").toFile());
    }

    @Test
    void chattyWorkEndsShowingItsLatestProgressAndMessage(FxRobot robot) throws Exception {
        BackgroundTask<Integer> task = BackgroundTask.of("Tokenize", context -> {
            for (int i = 1; i <= 200_000; i++) {
                context.updateProgress(i, 400_000);
                context.updateMessage("row " + i);
            }
            return 200_000;
        });
        task.runOn(shell.services().executor());

        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> task.getState() == TaskState.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(task.getMessage()).isEqualTo("row 200000");
        assertThat(task.getResult()).isEqualTo(200_000);
        assertThat(task.getProgress()).isEqualTo(1.0);
    }

    @Test
    void clickingTheStatusBarTaskIndicatorOpensTheTasksPage(FxRobot robot) {
        assertThat(shell.currentPage().id()).isEqualTo("home");
        robot.clickOn("#status-tasks");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.currentPage().id()).isEqualTo("tasks");
    }

    @Test
    void aFailureWithItsOwnHandlerDoesNotReachTheErrorHandler(FxRobot robot) throws Exception {
        AtomicBoolean handled = new AtomicBoolean();
        BackgroundTask<Void> task = BackgroundTask.<Void>of("Validate", context -> {
            throw new IllegalStateException("invalid");
        }).onFailure(error -> handled.set(true));
        task.runOn(shell.services().executor());

        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> task.getState() == TaskState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(handled).isTrue();
        assertThat(errors.reports()).isEmpty();
        assertThat(task.getMessage()).isEqualTo("invalid");
    }
}
