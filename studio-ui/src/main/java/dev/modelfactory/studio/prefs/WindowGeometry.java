package dev.modelfactory.studio.prefs;

import java.util.List;
import javafx.geometry.Rectangle2D;

/** Where the main window was: position and size in screen coordinates, and whether it was maximized. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    /** The size the studio opens with when nothing is remembered. */
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    /** Below this the shell is unusable; remembered sizes are never restored smaller. */
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 560;

    public WindowGeometry {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(width > 0) || !(height > 0)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("invalid window geometry: " + x + "," + y + " " + width + "x" + height);
        }
    }

    /**
     * This geometry moved and shrunk so that it lies fully on one of {@code screens} (visual bounds): the
     * screen it overlaps most, else the first one. A window remembered on a monitor that is gone thus
     * reappears on one that exists. Returns this unchanged when there are no screens.
     */
    public WindowGeometry clampTo(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        Rectangle2D target = screens.getFirst();
        double bestOverlap = -1;
        for (Rectangle2D screen : screens) {
            double overlap = overlap(screen);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                target = screen;
            }
        }
        if (bestOverlap <= 0) {
            target = screens.getFirst();
        }
        double w = Math.min(Math.max(width, Math.min(MIN_WIDTH, target.getWidth())), target.getWidth());
        double h = Math.min(Math.max(height, Math.min(MIN_HEIGHT, target.getHeight())), target.getHeight());
        double nx = Math.clamp(x, target.getMinX(), target.getMaxX() - w);
        double ny = Math.clamp(y, target.getMinY(), target.getMaxY() - h);
        return new WindowGeometry(nx, ny, w, h, maximized);
    }

    private double overlap(Rectangle2D screen) {
        double w = Math.min(x + width, screen.getMaxX()) - Math.max(x, screen.getMinX());
        double h = Math.min(y + height, screen.getMaxY()) - Math.max(y, screen.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
