package dev.modelfactory.studio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.StudioContext;
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
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Renders the page with stored run 1 open (comparison and examples) at 1440x900 in both themes: the window
 * and the whole scrolled page. PNGs go to {@code target/benchmarks-snapshots} (or
 * {@code -Dstudio.snapshot.dir=DIR}/benchmarks) for a look; they are not compared pixel by pixel.
 */
@ExtendWith(ApplicationExtension.class)
class BenchmarksPageSnapshotTest {

    @Test
    void rendersThePageWithAComparisonOpenInBothThemes(FxRobot robot) {
        String keep = System.getProperty("studio.snapshot.dir");
        Path dir = keep != null ? Path.of(keep).resolve("benchmarks") : Path.of("target", "benchmarks-snapshots");
        List<Path> written = new ArrayList<>();
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> written.addAll(render(theme, dir)));
        }
        assertThat(written).hasSize(4).allSatisfy(png -> assertThat(Files.size(png)).isGreaterThan(10_000));
    }

    /** On the FX thread: tasks run inline, so the run is open when the page is drawn. */
    private static List<Path> render(ThemeChoice theme, Path dir) {
        String name = theme.name().toLowerCase(Locale.ROOT);
        FakeBenchmarksBackend backend = new FakeBenchmarksBackend().withStoredRun();
        StudioContext context = StudioContext.builder().appVersion("0.1.0")
                .workspace("/home/ada/modelfactory/workspace", "3").computeDevice("CPU: 2 threads")
                .preferencesFile(dir.resolve("ui.properties"))
                .addPage(BenchmarksPage.factory(backend, new FakeChooser())).build();
        StudioShell shell = StudioShell.builder(context).errors(new ErrorHandler(false))
                .executor(new CurrentThreadTaskExecutor()).theme(theme).persistPreferences(false).build();
        Scene scene = new Scene(shell.root(), 1440, 900);
        shell.show(BenchmarksPage.ID);
        BenchmarksPage page = (BenchmarksPage) shell.currentPage();
        page.open(1);
        assertThat(page.loaded()).isNotNull();
        List<Path> files = new ArrayList<>();
        layout(scene);
        ScrollPane scroll = (ScrollPane) page.view();
        scroll.setVvalue(0.42);
        layout(scene);
        files.add(write(scene.snapshot(null), dir.resolve(name + "-window.png")));
        files.add(write(scroll.getContent().snapshot(null, null), dir.resolve(name + "-full.png")));
        if (theme == ThemeChoice.LIGHT) {
            // the same comparison as the HTML report, kept beside the pictures for a look in a browser
            dev.modelfactory.studio.benchmarks.report.HtmlReport.builder(page.loaded().comparison())
                    .examples(page.loaded().examples()).build().write(dir.resolve("report.html"));
        }
        shell.shutdown();
        return files;
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
        for (int i = 0; i < 2; i++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }
}
