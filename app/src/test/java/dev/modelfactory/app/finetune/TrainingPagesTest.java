package dev.modelfactory.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.charts.ChartSeries;
import dev.modelfactory.studio.charts.CurveChart;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.finetune.FineTunePage;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingPage;
import dev.modelfactory.studio.training.TrainingPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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

/**
 * The two pages over the real TrainingService, in a temp workspace with a tiny random Llama and a small
 * skill dataset: pick model and dataset, see an invalid field's reason, start a real run, watch the charts
 * fill, stop it, train a second one, overlay both, export CSV.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPagesTest {

    private static final long TIMEOUT = 60;

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
                stage.close();
            });
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void configuresTrainsStopsOverlaysAndExportsARealRun(FxRobot robot) throws Exception {
        Path model = TrainingTestData.tinyModel(dir);
        Path ws = dir.resolve("ws");
        TrainingTestData.skillDataset(ws, dir);
        workspace = Workspace.open(ws);
        ModelImporter.importModel(workspace, model, ImportMode.REFERENCE, Optional.of("tiny"), ProgressListener.NONE,
                CancellationToken.NONE);
        Path exported = dir.resolve("curves.csv");
        TrainingPages pages = new TrainingPages(new WorkspaceTrainingBackend(workspace, 2), new SaveChooser() {
            @Override
            public Optional<Path> saveFile(String title, String suggestedName, Window owner) {
                return Optional.of(exported);
            }

            @Override
            public Optional<Path> openFile(String title, Window owner) {
                return Optional.empty();
            }
        });
        open(robot, pages);

        // the model and the dataset's frozen version are chosen; the preview shows a real example's mask
        waitFor(() -> fx(robot, () -> this.<ComboBox<?>>node(robot, "#finetune-version").getValue() != null));
        assertThat(fx(robot, () -> String.valueOf(this.<ComboBox<?>>node(robot, "#finetune-model").getValue())))
                .isEqualTo("tiny (imported)");
        assertThat(fx(robot, () -> this.<Label>node(robot, "#finetune-splits").getText())).contains("train split");
        waitFor(() -> fx(robot, () -> this.<Label>node(robot, "#finetune-template").getText().contains("in the loss")));

        // an invalid value shows the engine's reason beside the field and blocks Start
        set(robot, "seq_len", "1");
        assertThat(fx(robot, () -> this.<Label>node(robot, "#error-seq_len").getText()))
                .isEqualTo("seq_len: must be >= 2, got 1");
        assertThat(fx(robot, () -> this.<Button>node(robot, "#finetune-start").isDisabled())).isTrue();

        // a run long enough to stop halfway
        Map.of("seq_len", "64", "learning_rate", "0.05", "max_steps", "400", "batch_size", "4", "warmup_steps", "2",
                "eval_every", "4", "checkpoint_every", "4", "lora.alpha", "32").forEach((k, v) -> set(robot, k, v));
        assertThat(fx(robot, () -> this.<Label>node(robot, "#error-seq_len").getText())).isEmpty();
        robot.interact(() -> this.<Button>node(robot, "#finetune-start").fire());
        waitFor(() -> !workspace.root().resolve("runs").toFile().isDirectory() ? false
                : new dev.modelfactory.ledger.store.run.RunStore(workspace).list().size() == 1);
        assertThat(fx(robot, () -> this.<TextField>node(robot, "#plan-steps").getText())).contains("400 in all");
        assertThat(fx(robot, () -> this.<TextField>node(robot, "#plan-excluded").getText())).contains("bob (6)");

        robot.interact(() -> shell.show(TrainingPage.ID));
        CurveChart loss = fx(robot, () -> node(robot, "#chart-train_loss"));
        waitFor(() -> fx(robot, () -> !loss.series().isEmpty() && loss.series().getFirst().size() >= 8));
        assertThat(fx(robot, () -> this.<Label>node(robot, "#training-progress-text").getText())).contains("/ 400");
        // pause holds the run between steps; resume lets it go on
        robot.interact(() -> this.<Button>node(robot, "#training-pause").fire());
        waitFor(() -> fx(robot, () -> !this.<Button>node(robot, "#training-resume").isDisabled()));
        assertThat(fx(robot, () -> this.<Label>node(robot, "#training-run").getText())).contains("paused");
        int atPause = fx(robot, () -> loss.series().getFirst().size());
        robot.interact(() -> this.<Button>node(robot, "#training-resume").fire());
        waitFor(() -> fx(robot, () -> loss.series().getFirst().size() > atPause + 2));
        robot.interact(() -> this.<Button>node(robot, "#training-stop").fire());
        waitFor(() -> new dev.modelfactory.ledger.store.run.RunStore(workspace).list().getFirst().outcome()
                == RunOutcome.STOPPED);
        RunRecord first = new dev.modelfactory.ledger.store.run.RunStore(workspace).list().getFirst();
        List<MetricPoint> stored = new dev.modelfactory.ledger.store.run.RunStore(workspace).metrics(first.id(), -1);
        assertThat(first.resumable()).isTrue();
        // every stored training point reached the chart (drawing downsamples; the series keeps all)
        waitFor(() -> fx(robot, () -> loss.series().getFirst().size()
                == stored.stream().filter(p -> p.trainLoss().isPresent()).count()));

        // a second, short run with another learning rate, to completion
        robot.interact(() -> shell.show(FineTunePage.ID));
        set(robot, "learning_rate", "0.01");
        set(robot, "max_steps", "8");
        robot.interact(() -> this.<Button>node(robot, "#finetune-start").fire());
        waitFor(() -> {
            var runs = new dev.modelfactory.ledger.store.run.RunStore(workspace).list();
            return runs.size() == 2 && runs.getFirst().outcome() == RunOutcome.COMPLETED;
        });
        robot.interact(() -> shell.show(TrainingPage.ID));
        waitFor(() -> fx(robot, () -> robot.lookup("#overlay-" + first.id()).tryQuery().isPresent()));
        robot.interact(() -> this.<CheckBox>node(robot, "#overlay-" + first.id()).fire());
        waitFor(() -> fx(robot, () -> loss.series().size() == 2));
        List<ChartSeries> both = fx(robot, loss::series);
        assertThat(both).extracting(ChartSeries::name).containsExactlyInAnyOrder("#" + first.id(),
                "#" + (first.id() + 1));
        assertThat(both.get(0).color()).isNotEqualTo(both.get(1).color());
        waitFor(() -> fx(robot, () -> robot.lookup("#legend-" + first.id()).tryQuery()
                .map(n -> ((Label) n).getText().contains("learning_rate=0.05")).orElse(false)));
        assertThat(fx(robot, () -> this.<Label>node(robot, "#legend-" + (first.id() + 1)).getText()))
                .contains("learning_rate=0.01").contains("max_steps=8");

        robot.interact(() -> this.<Button>node(robot, "#training-export-csv").fire());
        waitFor(() -> Files.exists(exported));
        List<String> lines = Files.readAllLines(exported);
        long secondPoints = new dev.modelfactory.ledger.store.run.RunStore(workspace).metrics(first.id() + 1, -1).size();
        assertThat(lines.getFirst()).startsWith("run_id,run_name,step");
        assertThat(lines).hasSize(1 + stored.size() + (int) secondPoints);
    }

    // ---- helpers ----

    private void open(FxRobot robot, TrainingPages pages) {
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

    private void set(FxRobot robot, String key, String value) {
        robot.interact(() -> this.<TextField>node(robot, "#field-" + key.replace('.', '-')).setText(value));
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T node(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static <T> T fx(FxRobot robot, Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
