package dev.modelfactory.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.app.training.ContributorTestData;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.charts.ChartSeries;
import dev.modelfactory.studio.charts.CurveChart;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.training.TrainingPage;
import dev.modelfactory.studio.training.TrainingPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Training page's "By contributor" section over a real finished run of two contributors: one curve and
 * one table row per contributor, a legend box hides a curve, "By tag" shows the tracked tag.
 * {@code -Dstudio.snapshot.dir=DIR} keeps the picture as DIR/training/training-contributors.png.
 */
@ExtendWith(ApplicationExtension.class)
class ContributorChartTest {

    @TempDir
    Path temp;

    @Test
    void theChartShowsOneSeriesPerContributorAndTogglesThem(FxRobot robot) throws Exception {
        String keep = System.getProperty("studio.snapshot.dir");
        Path out = (keep != null ? Path.of(keep) : temp).resolve("training");
        Files.createDirectories(out);
        try (Workspace ws = Workspace.open(temp.resolve("ws"))) {
            ModelImporter.importModel(ws, TrainingTestData.tinyModel(temp), ImportMode.REFERENCE,
                    Optional.of("tiny-llama"), ProgressListener.NONE, CancellationToken.NONE);
            ContributorTestData.mixedDataset(ws, temp);
            TrainingConfig c = TrainingConfig.builder().learningRate(5e-2).maxSteps(80).batchSize(4).seqLen(64)
                    .seed(5).evalEvery(10).checkpointEvery(40).warmupSteps(2)
                    .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP,
                            LoraTarget.DOWN), 8, 32f, 0f, false)).build();
            TrainingOutcome o = new TrainingService(ws).start(TrainingRequest.of("tiny-llama", DatasetRef.parse("mixed"),
                    c).withThreads(2).withName("easy vs hard").withTrackTags(List.of("rep", "noise")), RunListener.NONE)
                    .await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);

            TrainingPages pages = TrainingPages.of(new WorkspaceTrainingBackend(ws, 2));
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
                shell[0].show(TrainingPage.ID);
            });
            try {
                waitFor(() -> fx(() -> look(scene[0], "#chart-contributors") != null
                        && ((CurveChart) look(scene[0], "#chart-contributors")).series().size() == 2));
                CurveChart chart = fx(() -> (CurveChart) look(scene[0], "#chart-contributors"));
                assertThat(fx(() -> chart.series().stream().map(ChartSeries::name).toList()))
                        .containsExactlyInAnyOrder("easy", "hard");
                assertThat(fx(() -> chart.series().stream().allMatch(s -> s.size() >= 60))).isTrue();
                TableView<?> table = fx(() -> (TableView<?>) look(scene[0], "#training-contributors-table"));
                assertThat(fx(() -> table.getItems().size())).isEqualTo(2);
                write(scene[0], "#training-contributors", out.resolve("training-contributors.png"));

                robot.interact(() -> ((CheckBox) look(scene[0], "#contributor-legend-0")).fire());
                assertThat(fx(() -> chart.series().size())).isEqualTo(1);
                robot.interact(() -> ((CheckBox) look(scene[0], "#contributor-legend-0")).fire());
                assertThat(fx(() -> chart.series().size())).isEqualTo(2);

                robot.interact(() -> {
                    @SuppressWarnings("unchecked")
                    ComboBox<SeriesKind> by = (ComboBox<SeriesKind>) look(scene[0], "#training-contributors-by");
                    by.setValue(SeriesKind.TAG);
                });
                CurveChart tags = fx(() -> (CurveChart) look(scene[0], "#chart-tags"));
                assertThat(tags).isNotNull();
                assertThat(fx(() -> tags.series().stream().map(ChartSeries::name).toList()))
                        .containsExactlyInAnyOrder("rep", "noise");
                assertThat(fx(() -> look(scene[0], "#chart-contributors"))).isNull();
            } finally {
                robot.interact(() -> shell[0].shutdown());
            }
        }
        assertThat(ImageIO.read(out.resolve("training-contributors.png").toFile()).getWidth()).isGreaterThan(600);
    }

    private static void write(Scene scene, String query, Path file) throws Exception {
        var image = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Node n = scene.lookup(query);
            return n.snapshot(null, null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    private static Node look(Scene scene, String query) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene.lookup(query);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
