package dev.modelfactory.studio.pipelines;

import java.util.Locale;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.SVGPath;

/** A small icon per step status (24x24 Material paths), coloured by the stylesheet through its status class. */
final class StatusIcons {

    static final String ICON_CLASS = "pipeline-status-icon";

    private StatusIcons() {
    }

    /** The style class for a status: {@code status-succeeded}, {@code status-waiting}... */
    static String styleClass(StepStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    /** The style class for a run status, sharing the step palette. */
    static String styleClass(RunStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    /** The page's sidebar icon (a branching tree of steps), styled like the shell's glyphs. */
    static Node pageIcon(double size) {
        SVGPath shape = new SVGPath();
        shape.setContent("M22 11V3h-7v3H9V3H2v8h7V8h2v10h4v3h7v-8h-7v3h-2V8h2v3z");
        shape.getStyleClass().add(dev.modelfactory.studio.ui.StudioStyles.GLYPH);
        return box(shape, size);
    }

    static Node icon(StepStatus status, double size) {
        SVGPath shape = new SVGPath();
        shape.setContent(path(status));
        shape.getStyleClass().addAll(ICON_CLASS, styleClass(status));
        return box(shape, size);
    }

    private static Node box(SVGPath shape, double size) {
        shape.setScaleX(size / 24.0);
        shape.setScaleY(size / 24.0);
        StackPane box = new StackPane(new Group(shape));
        box.setMinSize(size, size);
        box.setPrefSize(size, size);
        box.setMaxSize(size, size);
        return box;
    }

    private static String path(StepStatus status) {
        return switch (status) {
            case PENDING -> "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16z";
            case RUNNING -> "M8 5v14l11-7z";
            case SKIPPED -> "M4 18l8.5-6L4 6v12zm9-12v12l8.5-6L13 6z";
            case SUCCEEDED -> "M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z";
            case WAITING -> "M6 19h4V5H6v14zm8-14v14h4V5h-4z";
            case FAILED -> "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19"
                    + " 17.59 13.41 12z";
            case REJECTED -> "M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zM4 12c0-4.42 3.58-8"
                    + " 8-8 1.85 0 3.55.63 4.9 1.69L5.69 16.9A7.902 7.902 0 0 1 4 12zm8 8c-1.85 0-3.55-.63-4.9-1.69"
                    + "L18.31 7.1A7.902 7.902 0 0 1 20 12c0 4.42-3.58 8-8 8z";
            case CANCELLED -> "M6 6h12v12H6z";
        };
    }
}
