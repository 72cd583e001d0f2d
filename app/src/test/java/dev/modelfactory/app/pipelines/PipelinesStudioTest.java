package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.app.datasets.WorkspaceDatasetCatalog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pipelines.PageLinks;
import dev.modelfactory.studio.pipelines.PipelinesPage;
import dev.modelfactory.studio.pipelines.RunStatus;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Pipelines page in the real shell over the real service and workspace: add the tiny pipeline from its
 * file, run it, approve it in the page, then open the frozen dataset on the Datasets page through its link.
 */
@ExtendWith(ApplicationExtension.class)
class PipelinesStudioTest {

    private static final long TIMEOUT = 60;

    @TempDir
    Path dir;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private PipelineService service;
    private StudioShell shell;
    private Stage stage;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                stage.close();
            });
        }
        if (service != null) {
            service.close();
        }
        if (ws != null) {
            ws.close();
        }
    }

    @Test
    void theTinyPipelineRunsFromTheStudioThroughAnApprovalAndItsDatasetOpensOnTheDatasetsPage(FxRobot robot)
            throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        Path file = TinyPipeline.write(dir.resolve("p"));
        ws = Workspace.open(dir.resolve("ws"));
        service = new PipelineService(ws);
        StudioContext base = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(dir.resolve("ui.properties"))
                .addPage(DatasetsPage.factory(new WorkspaceDatasetCatalog(ws))).build();
        WorkspacePipelinesBackend backend = new WorkspacePipelinesBackend(service, "ada");
        PageLinks links = new PageLinks();
        StudioContext context = new StudioContext(base.appVersion(), base.workspaceFolder(), base.schemaVersion(),
                base.computeDevice(), base.preferencesFile(), java.util.List.of(links.track(base.extraPages().getFirst()),
                links.track(PipelinesPage.factory(backend, owner -> Optional.of(file), links))));
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 800));
            stage.show();
            shell.show(PipelinesPage.ID);
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#" + PipelinesPage.ADD_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().shown() != null);
        robot.clickOn("#" + PipelinesPage.RUN_ID);
        awaitRun(RunStatus.WAITING);
        assertThat(text(robot, "#" + PipelinesPage.RUN_TITLE_ID)).endsWith("Waiting: step approve waits for your approval");
        assertThat(text(robot, "#" + PipelinesPage.STEP_TITLE_ID)).isEqualTo("approve  \u00b7  approve");

        robot.clickOn("#" + PipelinesPage.APPROVE_ID);
        awaitRun(RunStatus.SUCCEEDED);
        assertThat(service.steps(page().shown().id()).getLast().decision().orElseThrow().actor()).isEqualTo("ada");

        robot.clickOn("#" + PipelinesPage.NODE_ID_PREFIX + "freeze");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#" + PipelinesPage.LINK_ID_PREFIX + "0").queryAs(Hyperlink.class).getText())
                .startsWith("open dataset skills");
        robot.clickOn("#" + PipelinesPage.LINK_ID_PREFIX + "0");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> shell.currentPage() instanceof DatasetsPage d
                && d.viewModel().selectedProperty().get() != null);
        assertThat(((DatasetsPage) shell.currentPage()).viewModel().selectedProperty().get().name()).isEqualTo("skills");
        assertThat(errors.reports()).isEmpty();
    }

    private PipelinesPage page() {
        return (PipelinesPage) shell.pages().stream().filter(p -> p.id().equals(PipelinesPage.ID)).findFirst()
                .orElseThrow();
    }

    private void awaitRun(RunStatus status) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().job() == null && page().shown() != null
                && page().shown().status() == status);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> ((ScrollPane) page().view()).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
