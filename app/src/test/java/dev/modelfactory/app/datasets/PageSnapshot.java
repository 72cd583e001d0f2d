package dev.modelfactory.app.datasets;

import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.datasets.DatasetsViewModel;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the Datasets page in a 1440x900 shell once its background loads are done (rows, versions,
 * insights), the way the screenshots in the README show it. For mains and tests that run under Monocle.
 */
final class PageSnapshot {

    private PageSnapshot() {
    }

    static void renderSettled(StudioContext context, ThemeChoice theme, Path top, Path lower) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException running) {
            // started already
        }
        ErrorHandler errors = new ErrorHandler(false);
        StudioShell[] shell = new StudioShell[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            shell[0] = StudioShell.builder(context).errors(errors).theme(theme).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).build();
            stage[0] = new Stage(javafx.stage.StageStyle.UNDECORATED);
            stage[0].setX(0);
            stage[0].setY(0);
            stage[0].setScene(new Scene(shell[0].root(), 1440, 900));
            stage[0].show();
            shell[0].show(DatasetsPage.ID);
            return null;
        });
        DatasetsViewModel model = onFx(() -> ((DatasetsPage) shell[0].currentPage()).viewModel());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(() -> settled(model))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Datasets page did not settle within 60 s");
            }
            Thread.sleep(100);
        }
        Thread.sleep(300);
        write(onFx(() -> stage[0].getScene().snapshot(null)), top);
        onFx(() -> {
            ((ScrollPane) shell[0].currentPage().view()).setVvalue(1.0);
            return null;
        });
        Thread.sleep(300);
        write(onFx(() -> stage[0].getScene().snapshot(null)), lower);
        onFx(() -> {
            stage[0].hide();
            shell[0].shutdown();
            return null;
        });
        if (!errors.reports().isEmpty()) {
            throw new IllegalStateException("the page reported an error", errors.reports().getFirst().error());
        }
    }

    /**
     * Renders the page's curation tools on the first dataset: the row holding "maria" chosen (PII marked in
     * the detail) to {@code detail}, then the first near-duplicate cluster side by side to {@code cluster}.
     */
    static void renderTools(StudioContext context, ThemeChoice theme, Path detail, Path cluster) throws Exception {
        ErrorHandler errors = new ErrorHandler(false);
        StudioShell[] shell = new StudioShell[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            shell[0] = StudioShell.builder(context).errors(errors).theme(theme).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).build();
            stage[0] = new Stage(javafx.stage.StageStyle.UNDECORATED);
            stage[0].setScene(new Scene(shell[0].root(), 1440, 900));
            stage[0].show();
            shell[0].show(DatasetsPage.ID);
            return null;
        });
        DatasetsViewModel model = onFx(() -> ((DatasetsPage) shell[0].currentPage()).viewModel());
        waitFor(() -> settled(model) && !model.curation().clusters().isEmpty());
        onFx(() -> {
            model.searchProperty().set("maria");
            return null;
        });
        waitFor(() -> model.matchingProperty().get() == 1 && settled(model));
        onFx(() -> {
            ((javafx.scene.control.TableView<?>) stage[0].getScene().lookup("#dataset-rows")).getSelectionModel().select(0);
            return null;
        });
        waitFor(() -> stage[0].getScene().getRoot().lookupAll(".pii-span").size() > 0);
        scrollToShow(shell[0], stage[0], "#dataset-rows");
        write(onFx(() -> stage[0].getScene().snapshot(null)), detail);
        onFx(() -> {
            model.searchProperty().set("");
            model.curation().compare(model.curation().clusters().getFirst());
            return null;
        });
        waitFor(() -> !model.curation().compared().isEmpty() && !model.busyProperty().get());
        scrollToShow(shell[0], stage[0], "#datasets-cluster-compare");
        write(onFx(() -> stage[0].getScene().snapshot(null)), cluster);
        onFx(() -> {
            stage[0].hide();
            shell[0].shutdown();
            return null;
        });
        if (!errors.reports().isEmpty()) {
            throw new IllegalStateException("the page reported an error", errors.reports().getFirst().error());
        }
    }

    private static void scrollToShow(StudioShell shell, Stage stage, String query) throws Exception {
        onFx(() -> {
            ScrollPane scroll = (ScrollPane) shell.currentPage().view();
            javafx.scene.Node target = stage.getScene().lookup(query);
            javafx.scene.Node content = scroll.getContent();
            var at = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
            double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.clamp((at.getMinY() - 120) / range, 0, 1));
            return null;
        });
        Thread.sleep(300);
    }

    private static void waitFor(Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Datasets page did not get there within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static boolean settled(DatasetsViewModel model) {
        return model.loadedProperty().get() && !model.busyProperty().get()
                && model.matchingProperty().get() >= 0 && model.insights().insightsProperty().get() != null
                && (model.rowsProperty().get().isEmpty() || model.rowsProperty().get().loaded(0) != null);
    }

    private static void write(javafx.scene.image.WritableImage image, Path file) throws Exception {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(buffered, "png", file.toFile());
    }

    private static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
