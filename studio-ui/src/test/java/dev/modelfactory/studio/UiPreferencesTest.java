package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.prefs.UiPreferences;
import dev.modelfactory.studio.prefs.UiPreferencesStore;
import dev.modelfactory.studio.prefs.WindowGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {

    @TempDir
    Path temp;

    @Test
    void windowGeometryAndThemeRoundTripThroughTheFile() throws IOException {
        Path file = temp.resolve("nested").resolve("ui.properties");
        UiPreferencesStore store = new UiPreferencesStore(file);
        UiPreferences saved = new UiPreferences(ThemeChoice.DARK,
                Optional.of(new WindowGeometry(120.5, 80, 1366, 768, true)));

        store.save(saved);

        assertThat(new UiPreferencesStore(file).load()).isEqualTo(saved);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ui.properties");
        }
        store.save(saved.withTheme(ThemeChoice.LIGHT));
        assertThat(store.load().theme()).isEqualTo(ThemeChoice.LIGHT);
        assertThat(store.load().window()).isEqualTo(saved.window());
    }

    @Test
    void aMissingOrDamagedFileGivesDefaults() throws IOException {
        Path file = temp.resolve("ui.properties");
        assertThat(new UiPreferencesStore(file).load()).isEqualTo(UiPreferences.defaults());

        Files.writeString(file, "theme=purple\nwindow.x=10\nwindow.y=oops\n");
        UiPreferences loaded = new UiPreferencesStore(file).load();
        assertThat(loaded.theme()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(loaded.window()).isEmpty();
    }

    @Test
    void geometryIsClampedOntoAVisibleScreen() {
        Rectangle2D left = new Rectangle2D(0, 0, 1920, 1080);
        Rectangle2D right = new Rectangle2D(1920, 0, 1280, 800);

        WindowGeometry onRight = new WindowGeometry(2000, 100, 1000, 600, false);
        assertThat(onRight.clampTo(List.of(left, right))).isEqualTo(onRight);

        WindowGeometry monitorGone = new WindowGeometry(5000, 3000, 1000, 600, false);
        assertThat(monitorGone.clampTo(List.of(left))).isEqualTo(new WindowGeometry(920, 480, 1000, 600, false));

        WindowGeometry tooBig = new WindowGeometry(1900, -50, 1600, 1000, true);
        assertThat(tooBig.clampTo(List.of(left, right))).isEqualTo(new WindowGeometry(1920, 0, 1280, 800, true));
        assertThat(tooBig.clampTo(List.of(left))).isEqualTo(new WindowGeometry(320, 0, 1600, 1000, true));

        WindowGeometry hangingOff = new WindowGeometry(2800, 500, 800, 600, false);
        assertThat(hangingOff.clampTo(List.of(left, right))).isEqualTo(new WindowGeometry(2400, 200, 800, 600, false));
    }
}
