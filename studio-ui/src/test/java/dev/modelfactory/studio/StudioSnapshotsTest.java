package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.prefs.ThemeChoice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.io.TempDir;

class StudioSnapshotsTest {

    /**
     * TestFX must own the toolkit when other TestFX classes share this JVM (its robot does not drive windows
     * of a toolkit started elsewhere), so the toolkit is started its way; render then finds it running.
     */
    @BeforeAll
    static void startToolkitTheTestFxWay() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @TempDir
    Path temp;

    @Test
    void rendersOneNonBlankPngPerPageAt1440x900InBothThemes() throws IOException {
        Path keep = System.getProperty("studio.snapshot.dir") == null ? null : Path.of(System.getProperty("studio.snapshot.dir"));
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            Path dir = (keep != null ? keep : temp).resolve(theme.name().toLowerCase());
            StudioContext context = TestContexts.context(temp.resolve("ui.properties"));

            List<Path> written = StudioSnapshots.render(context, dir, theme);

            assertThat(written).extracting(p -> p.getFileName().toString())
                    .containsExactly("home.png", "tasks.png", "settings.png");
            for (Path png : written) {
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image.getWidth()).as(png.toString()).isEqualTo(1440);
                assertThat(image.getHeight()).as(png.toString()).isEqualTo(900);
                assertThat(distinctColours(image)).as("colours in " + png).isGreaterThan(20);
            }
            assertThat(Files.exists(temp.resolve("ui.properties"))).as("snapshots never write preferences").isFalse();
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
