package dev.modelfactory.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSampleStore;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.finetune.FineTunePage;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingPage;
import dev.modelfactory.studio.training.TrainingPages;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fine-tune page's chat template chooser (preview follows the choice), split choice, measured warm-up,
 * sample generations on the Training page (still there after a restart) and queue editing, over the real
 * TrainingService on the tiny model.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneChoicesTest {

    private static final long TIMEOUT = 90;

    @TempDir
    Path dir;

    private Workspace workspace;
    private StudioShell shell;
    private Stage stage;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        closeShell(robot);
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void templateSplitsMeasureSamplesAndQueue(FxRobot robot) throws Exception {
        Path ws = dir.resolve("ws");
        TrainingTestData.skillDataset(ws, dir);
        workspace = Workspace.open(ws);
        ModelImporter.importModel(workspace, TrainingTestData.tinyModel(dir), ImportMode.REFERENCE, Optional.of("tiny"),
                ProgressListener.NONE, CancellationToken.NONE);
        open(robot);
        waitFor(() -> fx(() -> this.<Label>node(robot, "#finetune-template").getText().contains("in the loss")));
        Map4 form = new Map4(robot);
        form.set("seq_len", "128");
        form.set("batch_size", "4");
        form.set("learning_rate", "0.05");
        form.set("warmup_steps", "1");
        form.set("max_steps", "4");
        form.set("eval_every", "2");

        // the valid, idle config is measured by itself: real steps, tokens/s and the run's time
        try {
            waitFor(() -> fx(() -> this.<Label>node(robot, "#finetune-warmup").getText().matches("Time: (\\d|could).*")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("warm-up label: " + fx(() -> this.<Label>node(robot, "#finetune-warmup").getText())
                    + " / reason: " + fx(() -> this.<Label>node(robot, "#finetune-reason").getText()), e);
        }
        assertThat(fx(() -> this.<Label>node(robot, "#finetune-warmup").getText())).contains("tokens/s")
                .contains("for 4 steps");

        // the model's ChatML is detected; choosing Llama 3 re-renders the real example with its headers
        String chatml = previewText(robot);
        assertThat(chatml).contains("<|im_start|>assistant");
        assertThat(fx(() -> String.valueOf(this.<ComboBox<String>>node(robot, "#finetune-template-choice")
                .getButtonCell().getText()))).contains("Model's own (from the model)");
        robot.interact(() -> this.<ComboBox<String>>node(robot, "#finetune-template-choice").setValue("llama3"));
        waitFor(() -> fx(() -> previewText(robot).contains("<|start_header_id|>assistant<|end_header_id|>")));
        assertThat(fx(() -> this.<Label>node(robot, "#finetune-template").getText())).contains("llama3 (chosen)");
        // the answer is trained, the header masked
        assertThat(fx(() -> pieces(robot, "preview-trained"))).anyMatch(t -> t.contains("<|eot_id|>"));
        assertThat(fx(() -> pieces(robot, "preview-masked"))).anyMatch(t -> t.contains("<|start_header_id|>user"));
        robot.interact(() -> this.<ComboBox<String>>node(robot, "#finetune-template-choice").setValue("model"));
        waitFor(() -> fx(() -> previewText(robot).equals(chatml)));

        // splits: evaluating on a split that is trained on is refused with the reason; train+validation, eval test
        robot.interact(() -> this.<CheckBox>node(robot, "#finetune-train-validation").setSelected(true));
        assertThat(fx(() -> this.<Label>node(robot, "#finetune-reason").getText())).contains("validation split is trained on");
        robot.interact(() -> this.<ComboBox<String>>node(robot, "#finetune-eval-split").setValue("test"));
        assertThat(fx(() -> this.<Label>node(robot, "#finetune-reason").getText())).isEmpty();

        // samples every 2 steps; the run records template, splits and samples
        form.set("sample_every", "2");
        form.set("sample_count", "2");
        robot.interact(() -> this.<Button>node(robot, "#finetune-start").fire());
        waitFor(() -> new RunStore(workspace).list().size() == 1
                && new RunStore(workspace).list().getFirst().outcome() == RunOutcome.COMPLETED);
        RunRecord run = new RunStore(workspace).list().getFirst();
        var config = TrainingConfigJson.parse(run.spec().configJson());
        assertThat(config.trainSplits()).containsExactly("train", "validation");
        assertThat(config.evalSplit()).isEqualTo("test");
        assertThat(config.sampleEvery()).isEqualTo(2);
        assertThat(new RunSampleStore(workspace).samples(run.id())).hasSize(4);
        robot.interact(() -> shell.show(TrainingPage.ID));
        waitFor(() -> fx(() -> this.<TableView<?>>node(robot, "#training-samples-table").getItems().size() == 4));

        // after a restart the Training page shows the newest run's samples from the workspace
        closeShell(robot);
        open(robot);
        robot.interact(() -> shell.show(TrainingPage.ID));
        waitFor(() -> fx(() -> this.<TableView<?>>node(robot, "#training-samples-table").getItems().size() == 4));
        assertThat(fx(() -> this.<Label>node(robot, "#training-samples-title").getText())).contains("#" + run.id());

        // queue: a long run trains (long enough never to end by itself: it is stopped below, so the queued
        // runs cannot start early even on a quiet machine); three wait; reorder and remove before they start
        robot.interact(() -> shell.show(FineTunePage.ID));
        waitFor(() -> fx(() -> this.<ComboBox<?>>node(robot, "#finetune-version").getValue() != null));
        form.set("seq_len", "64");
        form.set("batch_size", "4");
        form.set("learning_rate", "0.01");
        form.set("warmup_steps", "0");
        form.set("eval_every", "0");
        form.set("checkpoint_every", "0");
        for (String steps : List.of("1000000", "3", "5", "7")) {
            form.set("max_steps", steps);
            robot.interact(() -> this.<Button>node(robot, "#finetune-start").fire());
            waitFor(() -> fx(() -> this.<Label>node(robot, "#finetune-reason").getText().isEmpty()
                    && (steps.equals("1000000") ? new RunStore(workspace).list().size() == 2
                    : queued(robot).size() == List.of("3", "5", "7").indexOf(steps) + 1)));
        }
        assertThat(fx(() -> steps(queued(robot)))).containsExactly(3, 5, 7);
        ListView<RunRequest> list = fx(() -> node(robot, "#finetune-queue"));
        robot.interact(() -> {
            list.getSelectionModel().select(2);
            this.<Button>node(robot, "#finetune-queue-up").fire(); // 7 before 5
        });
        assertThat(fx(() -> steps(queued(robot)))).containsExactly(3, 7, 5);
        robot.interact(() -> {
            list.getSelectionModel().select(0);
            this.<Button>node(robot, "#finetune-queue-remove").fire(); // 3 removed
        });
        assertThat(fx(() -> steps(queued(robot)))).containsExactly(7, 5);
        robot.interact(() -> shell.show(TrainingPage.ID));
        robot.interact(() -> this.<Button>node(robot, "#training-stop").fire());
        waitFor(() -> new RunStore(workspace).list().size() == 4 && new RunStore(workspace).list().stream()
                .noneMatch(r -> r.outcome() == RunOutcome.RUNNING));
        List<RunRecord> runs = new RunStore(workspace).list().reversed(); // oldest first
        assertThat(runs).extracting(r -> TrainingConfigJson.parse(r.spec().configJson()).maxSteps())
                .containsExactly(4, 1000000, 7, 5);
    }

    // ---- helpers ----

    private final class Map4 {
        private final FxRobot robot;

        Map4(FxRobot robot) {
            this.robot = robot;
        }

        void set(String key, String value) {
            robot.interact(() -> FineTuneChoicesTest.this.<TextField>node(robot, "#field-" + key.replace('.', '-'))
                    .setText(value));
        }
    }

    private List<RunRequest> queued(FxRobot robot) {
        return List.copyOf(this.<ListView<RunRequest>>node(robot, "#finetune-queue").getItems());
    }

    private static List<Integer> steps(List<RunRequest> queue) {
        return queue.stream().map(r -> r.config().maxSteps()).toList();
    }

    private String previewText(FxRobot robot) {
        StringBuilder b = new StringBuilder();
        for (Node n : this.<TextFlow>node(robot, "#finetune-preview").getChildren()) {
            b.append(((Text) n).getText());
        }
        return b.toString();
    }

    private List<String> pieces(FxRobot robot, String styleClass) {
        return this.<TextFlow>node(robot, "#finetune-preview").getChildren().stream()
                .filter(n -> n.getStyleClass().contains(styleClass)).map(n -> ((Text) n).getText()).toList();
    }

    private void open(FxRobot robot) {
        TrainingPages pages = new TrainingPages(new WorkspaceTrainingBackend(workspace, 2), new SaveChooser() {
            @Override
            public Optional<Path> saveFile(String title, String suggestedName, Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> openFile(String title, Window owner) {
                return Optional.empty();
            }
        });
        ErrorHandler errors = new ErrorHandler(false);
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(workspace.root().toString(), "1")
                .computeDevice("CPU").preferencesFile(dir.resolve("ui.properties"))
                .addPage(pages.fineTune()).addPage(pages.training()).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 760));
            stage.show();
            shell.show(FineTunePage.ID);
        });
    }

    private void closeShell(FxRobot robot) {
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                stage.close();
            });
            shell = null;
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T node(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
