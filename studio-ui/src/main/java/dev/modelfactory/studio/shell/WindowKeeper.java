package dev.modelfactory.studio.shell;

import dev.modelfactory.studio.prefs.WindowGeometry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Restores the main window's remembered geometry (clamped onto a screen that exists now) and reports the
 * geometry when the window hides. While maximized, the last normal bounds are what is remembered, so
 * un-maximizing after a restart returns to a sensible size.
 */
final class WindowKeeper {

    private final Stage stage;
    private final Optional<WindowGeometry> remembered;
    private final Consumer<WindowGeometry> onHidden;
    private WindowGeometry normalBounds;

    WindowKeeper(Stage stage, Optional<WindowGeometry> remembered, Consumer<WindowGeometry> onHidden) {
        this.stage = stage;
        this.remembered = remembered;
        this.onHidden = onHidden;
    }

    void install(Parent root) {
        WindowGeometry start = remembered.map(g -> g.clampTo(screens())).orElseGet(this::defaultGeometry);
        stage.setScene(new Scene(root, start.width(), start.height()));
        stage.setMinWidth(Math.min(WindowGeometry.MIN_WIDTH, start.width()));
        stage.setMinHeight(Math.min(WindowGeometry.MIN_HEIGHT, start.height()));
        stage.setX(start.x());
        stage.setY(start.y());
        stage.setWidth(start.width());
        stage.setHeight(start.height());
        stage.setMaximized(start.maximized());
        normalBounds = start;
        stage.xProperty().addListener(o -> track());
        stage.yProperty().addListener(o -> track());
        stage.widthProperty().addListener(o -> track());
        stage.heightProperty().addListener(o -> track());
        stage.setOnHidden(event -> onHidden.accept(current()));
    }

    /** The geometry to remember now. */
    WindowGeometry current() {
        return new WindowGeometry(normalBounds.x(), normalBounds.y(), normalBounds.width(), normalBounds.height(),
                stage.isMaximized());
    }

    private void track() {
        if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0
                && Double.isFinite(stage.getX()) && Double.isFinite(stage.getY())) {
            normalBounds = new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
    }

    private WindowGeometry defaultGeometry() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(WindowGeometry.DEFAULT_WIDTH, screen.getWidth());
        double h = Math.min(WindowGeometry.DEFAULT_HEIGHT, screen.getHeight());
        return new WindowGeometry(screen.getMinX() + (screen.getWidth() - w) / 2,
                screen.getMinY() + (screen.getHeight() - h) / 2, w, h, false);
    }

    private static List<Rectangle2D> screens() {
        return Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
    }
}
