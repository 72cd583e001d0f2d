package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.UiPreferencesStore;
import dev.modelfactory.studio.prefs.WindowGeometry;
import dev.modelfactory.studio.shell.StudioShell;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window remembers where it was: closing writes the geometry, the next start restores it. */
@ExtendWith(ApplicationExtension.class)
class WindowGeometryTest {

    @TempDir
    Path temp;

    @Start
    void start(Stage primary) {
        // each test opens its own studio windows
    }

    @Test
    void closingRemembersTheGeometryAndTheNextWindowRestoresIt(FxRobot robot) {
        StudioContext context = TestContexts.context(temp.resolve("ui.properties"));

        robot.interact(() -> {
            StudioShell shell = StudioShell.builder(context).errors(new ErrorHandler(false)).build();
            Stage stage = new Stage();
            shell.attach(stage);
            stage.show();
            stage.setX(60);
            stage.setY(40);
            stage.setWidth(1000);
            stage.setHeight(700);
            assertThat(stage.getTitle()).isEqualTo("Home \u2014 ModelFactory Studio");
            stage.hide();
            shell.shutdown();
        });
        assertThat(new UiPreferencesStore(context.preferencesFile()).load().window())
                .contains(new WindowGeometry(60, 40, 1000, 700, false));

        AtomicReference<Stage> reopened = new AtomicReference<>();
        robot.interact(() -> {
            StudioShell shell = StudioShell.builder(context).errors(new ErrorHandler(false)).build();
            Stage stage = new Stage();
            shell.attach(stage);
            stage.show();
            reopened.set(stage);
        });
        Stage stage = reopened.get();
        assertThat(new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()})
                .containsExactly(60, 40, 1000, 700);
        robot.interact(stage::hide);
    }

    @Test
    void aWindowRememberedOffScreenComesBackOntoTheScreen(FxRobot robot) {
        StudioContext context = TestContexts.context(temp.resolve("ui.properties"));
        UiPreferencesStore store = new UiPreferencesStore(context.preferencesFile());
        store.save(store.load().withWindow(new WindowGeometry(9000, 7000, 1000, 700, false)));

        AtomicReference<Stage> opened = new AtomicReference<>();
        robot.interact(() -> {
            StudioShell shell = StudioShell.builder(context).errors(new ErrorHandler(false)).build();
            Stage stage = new Stage();
            shell.attach(stage);
            stage.show();
            opened.set(stage);
        });
        Stage stage = opened.get();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertThat(stage.getX()).isBetween(screen.getMinX(), screen.getMaxX() - stage.getWidth());
        assertThat(stage.getY()).isBetween(screen.getMinY(), screen.getMaxY() - stage.getHeight());
        assertThat(Optional.of(stage.getWidth())).contains(1000.0);
        robot.interact(stage::hide);
    }
}
