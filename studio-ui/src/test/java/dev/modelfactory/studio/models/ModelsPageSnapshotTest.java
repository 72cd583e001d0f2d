package dev.modelfactory.studio.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Renders the page at 1440x900 in both themes with a populated catalog (the window, and the whole page
 * with the selected model's details) and with an empty one. {@code -Dstudio.snapshot.dir=DIR} keeps the PNGs
 * in DIR/models.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsPageSnapshotTest {

    @TempDir
    Path temp;

    @Test
    void rendersThePageInBothThemes(FxRobot robot) {
        String keep = System.getProperty("studio.snapshot.dir");
        Path dir = (keep != null ? Path.of(keep) : temp).resolve("models");
        List<Path> written = new ArrayList<>();
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            String name = theme.name().toLowerCase(Locale.ROOT);
            robot.interact(() -> {
                // light: a healthy model with Import; dark: the file that could not be read
                written.addAll(render(FakeModelCatalog.populated(), theme, dir, name + "-models",
                        theme == ThemeChoice.LIGHT ? "mistral" : "half-downloaded"));
                written.addAll(render(FakeModelCatalog.empty(), theme, dir, name + "-empty", null));
            });
        }
        assertThat(written).hasSize(6).allSatisfy(png -> assertThat(Files.size(png)).isGreaterThan(10_000));
    }

    /**
     * StudioSnapshots settles a page for two pulses and does not wait for its background tasks: a picture taken
     * while the first scan runs must show the scan running (busy line, "Scanning…", the folders found or being
     * read), never zeros that read as "no models". Kept as DIR/models/scanning/models.png.
     */
    @Test
    void aStudioSnapshotTakenWhileTheFirstScanRunsShowsItRunning() throws IOException {
        String keep = System.getProperty("studio.snapshot.dir");
        Path dir = (keep != null ? Path.of(keep) : temp).resolve("models").resolve("scanning");
        FakeModelCatalog catalog = FakeModelCatalog.populated();
        CountDownLatch gate = new CountDownLatch(1);
        catalog.scanGate = gate;
        StudioContext context = StudioContext.builder().appVersion("0.1.0")
                .workspace("/home/ada/modelfactory/workspace", "3").computeDevice("CPU: 2 threads")
                .preferencesFile(temp.resolve("ui.properties"))
                .addPage(ModelsPage.factory(catalog, new FakeChooser())).build();
        List<Path> written;
        try {
            written = StudioSnapshots.render(context, dir, ThemeChoice.LIGHT);
        } finally {
            gate.countDown();
        }
        Path models = dir.resolve(ModelsPage.ID + ".png");
        assertThat(written).contains(models);
        assertThat(ImageIO.read(models.toFile())).satisfies(image -> {
            assertThat(image.getWidth()).isEqualTo(1440);
            assertThat(image.getHeight()).isEqualTo(900);
        });
        assertThat(catalog.scanThreads).as("the scan had started").hasSize(1);
    }

    /** On the FX thread: tasks run inline, so the scan has finished when the page is shown. */
    private List<Path> render(FakeModelCatalog catalog, ThemeChoice theme, Path dir, String name, String select) {
        StudioContext context = StudioContext.builder().appVersion("0.1.0")
                .workspace("/home/ada/modelfactory/workspace", "3").computeDevice("CPU: 2 threads \u00b7 AVX-512")
                .preferencesFile(temp.resolve("ui.properties"))
                .addPage(ModelsPage.factory(catalog, new FakeChooser())).build();
        StudioShell shell = StudioShell.builder(context).errors(new ErrorHandler(false))
                .executor(new CurrentThreadTaskExecutor()).theme(theme).persistPreferences(false).build();
        Scene scene = new Scene(shell.root(), 1440, 900);
        shell.show(ModelsPage.ID);
        List<Path> files = new ArrayList<>();
        files.add(snapshot(scene, dir.resolve(name + ".png")));
        if (select != null) {
            @SuppressWarnings("unchecked")
            TableView<LocalModel> table = (TableView<LocalModel>) scene.lookup("#" + ModelTable.ID);
            table.getItems().stream().filter(m -> m.name().startsWith(select)).findFirst()
                    .ifPresent(m -> table.getSelectionModel().select(m));
            layout(scene);
            Node page = ((ScrollPane) scene.lookup(".models-page")).getContent();
            files.add(write(page.snapshot(null, null), dir.resolve(name + "-full.png")));
        }
        shell.shutdown();
        return files;
    }

    private static Path snapshot(Scene scene, Path file) {
        layout(scene);
        layout(scene);
        return write(scene.snapshot(null), file);
    }

    private static Path write(WritableImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void layout(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }
}
