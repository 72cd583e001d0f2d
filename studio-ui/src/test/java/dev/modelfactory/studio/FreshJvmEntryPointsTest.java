package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.modelfactory.studio.prefs.UiPreferencesStore;
import dev.modelfactory.studio.prefs.WindowGeometry;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's entry points end to end, each in a JVM where nothing started JavaFX yet and no Monocle flags are
 * set: {@link StudioSnapshots#useHeadlessMonocle()} then {@link StudioSnapshots#render} (toolkit started by
 * render itself, called from the main thread, the stage shown on a 1440x900 headless screen), and
 * {@link Studio#launch} (window opens, closes, geometry remembered, launch returns).
 */
class FreshJvmEntryPointsTest {

    @TempDir
    Path temp;

    @Test
    void renderStartsTheToolkitItselfAndWritesEveryPage() throws IOException, InterruptedException {
        Path dir = temp.resolve("shots");
        String output = runJava(SnapshotMain.class, dir.toString(), temp.resolve("ui.properties").toString());
        for (String page : List.of("home", "tasks", "settings")) {
            Path png = dir.resolve(page + ".png");
            assertThat(output).contains(png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(StudioSnapshots.WIDTH);
            assertThat(image.getHeight()).isEqualTo(StudioSnapshots.HEIGHT);
            assertThat(image.getRGB(10, 10)).as("sidebar differs from page").isNotEqualTo(image.getRGB(700, 700));
        }
        assertThat(temp.resolve("ui.properties")).doesNotExist();
    }

    @Test
    void launchOpensTheStudioWindowAndRemembersItsGeometryOnClose() throws IOException, InterruptedException {
        Path prefs = temp.resolve("ui.properties");
        String output = runJava(LaunchMain.class, prefs.toString());

        assertThat(output).contains("title: Home \u2014 ModelFactory Studio").contains("launch returned");
        assertThat(new UiPreferencesStore(prefs).load().window())
                .contains(new WindowGeometry(30, 20, 1100, 720, false));
    }

    /** Runs {@code main} in a new JVM on this test class path; returns its output after asserting exit 0. */
    private String runJava(Class<?> main, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, main.getSimpleName(), ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djavafx.cachedir=" + System.getProperty("javafx.cachedir", temp.resolve("fx").toString()),
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("Exception");
        return output;
    }
}
