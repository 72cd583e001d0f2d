package dev.modelfactory.studio.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The page in the real shell, background tasks on worker threads, over the in-memory pipeline runner. */
@ExtendWith(ApplicationExtension.class)
class PipelinesPageTest {

    private static final long TIMEOUT = 15;
    private static final String FX_THREAD = "JavaFX Application Thread";

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private final FakePipelinesBackend backend = new FakePipelinesBackend();
    private final RecordingOpener opener = new RecordingOpener();
    private Path chosenFile;
    private StudioShell shell;
    private Stage stage;

    @BeforeEach
    void quietErrorLog() {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
    }

    @AfterEach
    void close(FxRobot robot) {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        if (backend.gate != null) {
            backend.gate.countDown();
        }
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                stage.close();
            });
        }
    }

    @Test
    void aRunStopsAtTheApprovalAndApproveRunsItToTheEnd(FxRobot robot) throws Exception {
        open(robot);
        scroll(0);
        robot.clickOn("#" + PipelinesPage.RUN_ID);
        awaitRun(RunStatus.WAITING);

        assertThat(text(robot, "#" + RunView.TITLE_ID))
                .isEqualTo("Run 1 of release \u00b7 Waiting: step review waits for your approval");
        assertThat(statusOf(robot, "review")).isEqualTo("status-waiting");
        assertThat(statusOf(robot, "score")).isEqualTo("status-succeeded");
        assertThat(statusOf(robot, "sign")).isEqualTo("status-pending");
        assertThat(text(robot, "#" + StepDetails.TITLE_ID)).isEqualTo("review  \u00b7  approve");
        assertThat(button(robot, StepDetails.APPROVE_ID).isDisabled()).isFalse();
        assertThat(button(robot, StepDetails.REJECT_ID).isDisabled()).as("no reason yet").isTrue();
        assertThat(robot.lookup("#" + RunView.PROGRESS_ID).queryAs(ProgressBar.class).getProgress())
                .isEqualTo(5 / 8.0);

        robot.clickOn("#" + StepDetails.APPROVE_ID);
        awaitRun(RunStatus.SUCCEEDED);

        assertThat(text(robot, "#" + RunView.TITLE_ID)).isEqualTo("Run 1 of release \u00b7 Succeeded");
        for (StepSpec step : backend.pipelines.get("release").steps()) {
            assertThat(statusOf(robot, step.id())).as(step.id()).isEqualTo("status-succeeded");
        }
        assertThat(text(robot, "#" + StepDetails.TITLE_ID)).as("follows the run to its last step")
                .isEqualTo("bundle  \u00b7  export");
        Node fileLink = robot.lookup("#" + StepDetails.LINK_ID_PREFIX + "0").query();
        assertThat(fileLink).as("a file has no page").isNotInstanceOf(Hyperlink.class).isInstanceOf(Label.class);
        assertThat(((Label) fileLink).getText()).isEqualTo("/home/ada/out/peft");
        robot.clickOn("#" + StepGraph.NODE_ID_PREFIX + "review");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(log(robot)).contains("waiting for a person", "approved by ada");
        assertThat(button(robot, StepDetails.APPROVE_ID).isDisabled()).isTrue();
        assertThat(backend.threads).isNotEmpty().doesNotContain(FX_THREAD);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> runsTable(robot).getItems().size() == 1
                && runsTable(robot).getItems().getFirst().status() == RunStatus.SUCCEEDED);

        robot.clickOn("#" + StepGraph.NODE_ID_PREFIX + "score");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#" + StepDetails.TITLE_ID)).isEqualTo("score  \u00b7  eval");
        assertThat(log(robot)).isEqualTo("eval score: reading adapter, dataset\nwrote scores\n");
        robot.clickOn("#" + StepDetails.LINK_ID_PREFIX + "0");
        assertThat(opener.opened).containsExactly(new OutputLink(OutputLink.Kind.BENCHMARK_RUN, "1", "benchmark run 1"));
    }

    @Test
    void rejectStopsTheRunWithTheReasonAndRunsNothingAfterIt(FxRobot robot) throws Exception {
        open(robot);
        scroll(0);
        robot.clickOn("#" + PipelinesPage.RUN_ID);
        awaitRun(RunStatus.WAITING);

        robot.clickOn("#" + StepDetails.REASON_ID).write("scores below last week's");
        assertThat(button(robot, StepDetails.REJECT_ID).isDisabled()).isFalse();
        robot.clickOn("#" + StepDetails.REJECT_ID);
        awaitRun(RunStatus.REJECTED);

        assertThat(backend.rejections).containsExactly("review: scores below last week's");
        assertThat(text(robot, "#" + RunView.TITLE_ID))
                .isEqualTo("Run 1 of release \u00b7 Rejected: rejected: scores below last week's");
        assertThat(statusOf(robot, "review")).isEqualTo("status-rejected");
        assertThat(statusOf(robot, "sign")).isEqualTo("status-pending");
        assertThat(statusOf(robot, "bundle")).isEqualTo("status-pending");
        assertThat(text(robot, "#" + StepDetails.ERROR_ID)).isEqualTo("rejected: scores below last week's");
        assertThat(button(robot, StepDetails.APPROVE_ID).isDisabled()).isTrue();
        assertThat(button(robot, StepDetails.REJECT_ID).isDisabled()).isTrue();
        assertThat(button(robot, PipelinesPage.RESUME_ID).isDisabled()).as("a rejection is final").isTrue();
    }

    @Test
    void aFailedStepShowsItsErrorAndResumeGoesOnFromIt(FxRobot robot) throws Exception {
        backend.failing.put("quality", "3 rows contain personal data (threshold 0)");
        open(robot);
        scroll(0);
        robot.clickOn("#" + PipelinesPage.RUN_ID);
        awaitRun(RunStatus.FAILED);

        assertThat(text(robot, "#" + StepDetails.TITLE_ID)).isEqualTo("quality  \u00b7  check");
        assertThat(text(robot, "#" + StepDetails.ERROR_ID)).isEqualTo("3 rows contain personal data (threshold 0)");
        assertThat(text(robot, "#" + RunView.TITLE_ID)).isEqualTo(
                "Run 1 of release \u00b7 Failed: quality: 3 rows contain personal data (threshold 0)");
        assertThat(statusOf(robot, "quality")).isEqualTo("status-failed");
        assertThat(statusOf(robot, "snapshot")).isEqualTo("status-pending");
        assertThat(log(robot)).endsWith("3 rows contain personal data (threshold 0)\n");

        backend.failing.clear();
        robot.clickOn("#" + PipelinesPage.RESUME_ID);
        awaitRun(RunStatus.WAITING);
        assertThat(statusOf(robot, "quality")).isEqualTo("status-succeeded");
        assertThat(page().shown().id()).isEqualTo(1);
    }

    @Test
    void aLongStepShowsProgressAndCancelStopsIt(FxRobot robot) throws Exception {
        backend.holdAt = "tune";
        backend.gate = new CountDownLatch(1);
        open(robot);
        scroll(0);
        robot.clickOn("#" + PipelinesPage.RUN_ID);
        assertThat(backend.reachedHold.await(TIMEOUT, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().shown() != null
                && page().shown().step("tune").orElseThrow().status() == StepStatus.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(statusOf(robot, "tune")).isEqualTo("status-running");
        assertThat(text(robot, "#" + StepDetails.TITLE_ID)).isEqualTo("tune  \u00b7  train");
        assertThat(robot.lookup("#" + RunView.PROGRESS_ID).queryAs(ProgressBar.class).getProgress()).isEqualTo(3 / 8.0);
        assertThat(button(robot, PipelinesPage.CANCEL_ID).isDisabled()).isFalse();
        assertThat(button(robot, PipelinesPage.RUN_ID).isDisabled()).isTrue();
        assertThat(shell.services().tasks().tasks()).anySatisfy(t -> {
            assertThat(t.getTitle()).isEqualTo("Run pipeline release");
            assertThat(t.getState()).isEqualTo(TaskState.RUNNING);
        });

        scroll(1.0);
        robot.clickOn("#" + PipelinesPage.CANCEL_ID);
        awaitRun(RunStatus.CANCELLED);
        assertThat(statusOf(robot, "tune")).isEqualTo("status-cancelled");
        assertThat(button(robot, PipelinesPage.RESUME_ID).isDisabled()).isFalse();

        backend.gate.countDown();
        robot.clickOn("#" + PipelinesPage.RESUME_ID);
        awaitRun(RunStatus.WAITING);
        assertThat(statusOf(robot, "tune")).isEqualTo("status-succeeded");
    }

    @Test
    void validationProblemsAreListedByFileLineAndField(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> page().pipelineTable().table().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(problems(robot).getItems()).containsExactly(
                "broken.yaml:7: steps[1].kind: unknown step kind 'trian' (one of import, check, freeze, train, eval, "
                        + "gate, approve, attest, anchor, export)",
                "broken.yaml:12: steps[2].inputs[0]: 'adapter' is made by no earlier step");
        assertThat(problems(robot).isVisible()).isTrue();
        assertThat(button(robot, PipelinesPage.RUN_ID).isDisabled()).isTrue();

        chosenFile = temp.resolve("empty.yaml");
        scroll(0);
        robot.clickOn("#" + PipelinesPage.ADD_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> page().pipelineTable().chosen() != null && page().pipelineTable().chosen().name().equals("empty"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems(robot).getItems()).containsExactly("empty.yaml:3: steps: a pipeline needs at least one step");
        assertThat(page().pipelineTable().table().getItems()).extracting(PipelineInfo::name)
                .containsExactly("release", "broken", "empty");

        robot.interact(() -> page().pipelineTable().table().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems(robot).isVisible()).isFalse();
        assertThat(button(robot, PipelinesPage.RUN_ID).isDisabled()).isFalse();
        assertThat(errors.reports()).isEmpty();
    }

    // ---- plumbing ----

    private void open(FxRobot robot) throws Exception {
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace("/home/ada/workspace", "3")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(PipelinesPage.factory(backend, owner -> Optional.ofNullable(chosenFile), opener)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 800));
            stage.show();
            shell.show(PipelinesPage.ID);
        });
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().shown() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until no call drives the run and it shows {@code status}; scrolls the run into view. */
    private void awaitRun(RunStatus status) throws Exception {
        Predicate<PipelinesPage> done = p -> p.job() == null && p.shown() != null && p.shown().status() == status;
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> done.test(page()));
        WaitForAsyncUtils.waitForFxEvents();
        scroll(1.0);
    }

    private void scroll(double to) {
        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.ScrollPane) page().view()).setVvalue(to));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private PipelinesPage page() {
        return (PipelinesPage) shell.currentPage();
    }

    private static String statusOf(FxRobot robot, String step) {
        Node node = robot.lookup("#" + StepGraph.NODE_ID_PREFIX + step).query();
        List<String> classes = node.getStyleClass().stream().filter(c -> c.startsWith("status-")).toList();
        assertThat(classes).hasSize(1);
        return classes.getFirst();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static String log(FxRobot robot) {
        return robot.lookup("#" + StepDetails.LOG_ID).queryAs(TextArea.class).getText();
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryButton();
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> problems(FxRobot robot) {
        return robot.lookup("#" + PipelineTable.PROBLEMS_ID).queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.TableView<RunSummary> runsTable(FxRobot robot) {
        return robot.lookup("#" + RunTable.ID).queryAs(javafx.scene.control.TableView.class);
    }
}
