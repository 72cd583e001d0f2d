package dev.modelfactory.app.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelfactory.app.finetune.WorkspaceTrainingBackend;
import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.finetune.FineTunePage;
import dev.modelfactory.studio.finetune.RunElsewhereDialog;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingPages;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Fine-tune page's "Run elsewhere…" over the real workspace: the page's config becomes a bundle on disk. */
@ExtendWith(ApplicationExtension.class)
class RunElsewhereDialogTest {

    @TempDir
    Path dir;

    private Workspace workspace;
    private StudioShell shell;
    private Stage stage;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                for (Window w : Window.getWindows().stream().toList()) {
                    if (w instanceof Stage s) {
                        s.close();
                    }
                }
            });
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void exportsThePagesConfigAsABundle(FxRobot robot) throws Exception {
        Path model = TrainingTestData.tinyModel(dir);
        Path ws = dir.resolve("ws");
        TrainingTestData.skillDataset(ws, dir);
        workspace = Workspace.open(ws);
        ModelImporter.importModel(workspace, model, ImportMode.REFERENCE, Optional.of("tiny"), ProgressListener.NONE,
                CancellationToken.NONE);
        Path bundle = dir.resolve("bundle");
        SaveChooser chooser = new SaveChooser() {
            @Override
            public Optional<Path> saveFile(String title, String suggestedName, Window owner) {
                return Optional.of(bundle);
            }

            @Override
            public Optional<Path> openFile(String title, Window owner) {
                return Optional.empty();
            }
        };
        TrainingPages pages = new TrainingPages(new HandoffTrainingBackend(new WorkspaceTrainingBackend(workspace, 2),
                workspace), chooser);
        ErrorHandler errors = new ErrorHandler(false);
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.toString(), "1")
                .computeDevice("CPU").preferencesFile(dir.resolve("ui.properties")).addPage(pages.fineTune()).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 760));
            stage.show();
            shell.show(FineTunePage.ID);
        });
        waitFor(() -> fx(robot, () -> this.<ComboBox<?>>node(robot, "#finetune-version").getValue() != null));
        robot.interact(() -> this.<TextField>node(robot, "#field-seq_len").setText("96"));
        robot.interact(() -> this.<Button>node(robot, "#" + RunElsewhereDialog.BUTTON_ID).fire());
        waitFor(() -> fx(robot, () -> robot.lookup("#" + RunElsewhereDialog.FOLDER_ID).tryQuery().isPresent()));
        robot.interact(() -> this.<TextField>node(robot, "#" + RunElsewhereDialog.FOLDER_ID).setText(bundle.toString()));
        robot.interact(() -> this.<Button>node(robot, "#" + RunElsewhereDialog.EXPORT_ID).fire());
        waitFor(() -> fx(robot, () -> this.<TextArea>node(robot, "#" + RunElsewhereDialog.REPORT_ID).getText()
                .startsWith("Bundle written")));
        String report = fx(robot, () -> this.<TextArea>node(robot, "#" + RunElsewhereDialog.REPORT_ID).getText());
        assertThat(report).contains("6 rows left out").contains("truncation").contains("llamafactory-cli train");
        JsonNode yaml = new YAMLMapper().readTree(bundle.resolve("llamafactory.yaml").toFile());
        assertThat(yaml.get("cutoff_len").asInt()).isEqualTo(96);
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T node(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static <T> T fx(FxRobot robot, Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }
}
