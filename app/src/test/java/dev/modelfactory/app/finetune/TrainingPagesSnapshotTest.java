package dev.modelfactory.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.RunHandle;
import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.charts.CurveChart;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.finetune.FineTunePage;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingPage;
import dev.modelfactory.studio.training.TrainingPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of both pages over real runs of the tiny model (two finished runs overlaid, a third training
 * live), at 1440x900. {@code -Dstudio.snapshot.dir=DIR} keeps them as DIR/training/finetune.png and
 * training.png (the README's images come from here).
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPagesSnapshotTest {

    private static final int STEPS = 40;

    @TempDir
    Path temp;

    @Test
    void rendersBothPagesOverRealRuns(FxRobot robot) throws Exception {
        String keep = System.getProperty("studio.snapshot.dir");
        Path out = (keep != null ? Path.of(keep) : temp).resolve("training");
        Files.createDirectories(out);
        try (Workspace ws = Workspace.open(temp.resolve("ws"))) {
            // the shipped starter kit (the project's own model and demo datasets) when this checkout has it
            Path assets = Path.of("..", "assets", "starter").toAbsolutePath().normalize();
            String model;
            String dataset;
            if (Files.isRegularFile(assets.resolve("starter-base.gguf"))) {
                new StarterKit(ws, assets).install();
                model = StarterKit.MODEL_NAME;
                dataset = "numbers-in-words";
            } else {
                ModelImporter.importModel(ws, TrainingTestData.tinyModel(temp), ImportMode.REFERENCE,
                        Optional.of("tiny-llama"), ProgressListener.NONE, CancellationToken.NONE);
                TrainingTestData.skillDataset(ws.root(), temp);
                model = "tiny-llama";
                dataset = "skills";
            }
            TrainingService service = new TrainingService(ws);
            train(service, model, dataset, "rank 8, lr 0.003", 8, 3e-3, STEPS, false);
            train(service, model, dataset, "rank 4, lr 0.001", 4, 1e-3, STEPS, true);
            TrainingPages pages = new TrainingPages(new WorkspaceTrainingBackend(ws, 2), new SaveChooser() {
                @Override
                public Optional<Path> saveFile(String t, String n, javafx.stage.Window o) {
                    return Optional.empty();
                }

                @Override
                public Optional<Path> openFile(String t, javafx.stage.Window o) {
                    return Optional.empty();
                }
            });
            ErrorHandler errors = new ErrorHandler(false);
            StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "1")
                    .computeDevice("CPU \u00b7 2 threads").preferencesFile(temp.resolve("ui.properties"))
                    .addPage(pages.fineTune()).addPage(pages.training()).build();
            StudioShell[] shell = new StudioShell[1];
            Scene[] scene = new Scene[1];
            robot.interact(() -> {
                shell[0] = StudioShell.builder(context).errors(errors).theme(ThemeChoice.LIGHT)
                        .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
                scene[0] = new Scene(shell[0].root(), 1440, 900);
                shell[0].show(FineTunePage.ID);
            });
            try {
                waitFor(() -> fx(() -> ((javafx.scene.control.ComboBox<?>) look(scene[0], "#finetune-version"))
                        .getValue() != null));
                waitFor(() -> fx(() -> look(scene[0], "#finetune-template") != null
                        && ((javafx.scene.control.Label) look(scene[0], "#finetune-template")).getText()
                        .contains("in the loss")));
                robot.interact(() -> {
                    ((TextField) look(scene[0], "#field-max_steps")).setText("300");
                    ((TextField) look(scene[0], "#field-learning_rate")).setText("0.002");
                    ((TextField) look(scene[0], "#field-seq_len")).setText("96");
                    ((TextField) look(scene[0], "#field-batch_size")).setText("4");
                    ((TextField) look(scene[0], "#field-eval_every")).setText("5");
                    ((TextField) look(scene[0], "#field-sample_every")).setText("10");
                    ((TextField) look(scene[0], "#field-sample_count")).setText("3");
                    ((TitledPane) look(scene[0], "#finetune-advanced")).setExpanded(false);
                    ((Button) look(scene[0], "#finetune-plan")).fire();
                });
                waitFor(() -> fx(() -> look(scene[0], "#plan-steps") != null));
                // the valid, idle config is timed by itself (a few real steps) next to the plan
                waitFor(() -> fx(() -> ((javafx.scene.control.Label) look(scene[0], "#finetune-warmup")).getText()
                        .contains("tokens/s")));
                robot.interact(() -> ((Button) look(scene[0], "#finetune-copy")).fire());
                assertThat(fx(() -> ((TextField) look(scene[0], "#finetune-command")).getText()))
                        .startsWith("./modelfactory train --model ").contains("--max-steps 300 --batch 4")
                        .contains("--config training.yaml"); // the balanced preset's cosine schedule needs the file
                write(robot, scene[0], out.resolve("finetune.png"), null);
                write(robot, scene[0], out.resolve("finetune-full.png"), ".page-scroll");

                robot.interact(() -> ((Button) look(scene[0], "#finetune-start")).fire());
                robot.interact(() -> shell[0].show(TrainingPage.ID));
                waitFor(() -> fx(() -> look(scene[0], "#overlay-1") != null));
                robot.interact(() -> {
                    ((CheckBox) look(scene[0], "#overlay-1")).fire();
                    ((CheckBox) look(scene[0], "#overlay-2")).fire();
                });
                CurveChart loss = fx(() -> (CurveChart) look(scene[0], "#chart-train_loss"));
                waitFor(() -> fx(() -> loss.series().size() == 3 && loss.series().stream()
                        .allMatch(s -> s.size() >= STEPS * 2 / 3)));
                robot.interact(() -> loss.hover(250));
                write(robot, scene[0], out.resolve("training.png"), null);
                waitFor(() -> fx(() -> ((javafx.scene.control.TableView<?>) look(scene[0], "#training-samples-table"))
                        .getItems().size() >= 3));
                write(robot, scene[0], out.resolve("training-full.png"), ".page-scroll");
                robot.interact(() -> ((Button) look(scene[0], "#training-stop")).fire());
                waitFor(() -> new RunStore(ws).list().stream().noneMatch(r -> r.outcome().name().equals("RUNNING")));
            } finally {
                robot.interact(() -> shell[0].shutdown());
            }
        }
        assertThat(ImageIO.read(out.resolve("training.png").toFile()).getWidth()).isEqualTo(1440);
        assertThat(Files.size(out.resolve("finetune.png"))).isGreaterThan(20_000);
    }

    private static void train(TrainingService service, String model, String dataset, String name, int rank, double lr,
            int steps, boolean stopEarly) throws Exception {
        TrainingConfig c = TrainingConfig.builder().learningRate(lr).maxSteps(steps).batchSize(4).seqLen(96).seed(5)
                .evalEvery(5).checkpointEvery(10).warmupSteps(4).schedule(ScheduleKind.COSINE)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP, LoraTarget.DOWN),
                        rank, 4f * rank, 0f, false)).build();
        RunHandle[] handle = new RunHandle[1];
        handle[0] = service.start(TrainingRequest.of(model, DatasetRef.parse(dataset), c).withThreads(2)
                .withName(name), new RunListener() {
                    @Override
                    public void onStep(long runId, dev.modelfactory.engine.train.loop.StepMetrics m, int total) {
                        if (stopEarly && m.step() == steps * 3 / 4 && handle[0] != null) {
                            handle[0].stop();
                        }
                    }
                });
        handle[0].await();
    }

    private static void write(FxRobot robot, Scene scene, Path file, String fullContentOf) throws Exception {
        var image = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            if (fullContentOf == null) {
                return scene.snapshot(null);
            }
            Node content = ((javafx.scene.control.ScrollPane) look(scene, fullContentOf)).getContent();
            return content.snapshot(null, null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    /** A scene without a window gets no CSS pass by itself: skins (and ScrollPane content) appear on applyCss. */
    private static Node look(Scene scene, String query) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene.lookup(query);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        waitFor(condition, 120);
    }

    private static void waitFor(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
