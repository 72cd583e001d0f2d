package dev.modelfactory.studio.charts;

import java.util.Arrays;
import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * One curve of a {@link CurveChart}: points with ascending x, appended as they arrive and never dropped.
 * Not thread-safe: fill it on the FX thread (the training page coalesces points before handing them over).
 */
public final class ChartSeries {

    private final String name;
    private final Color color;
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int size;

    public ChartSeries(String name, Color color) {
        this.name = Objects.requireNonNull(name, "name");
        this.color = Objects.requireNonNull(color, "color");
    }

    public String name() {
        return name;
    }

    public Color color() {
        return color;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** Appends a point; x must not go backwards (the chart finds the visible range by binary search). */
    public void add(double x, double y) {
        if (size > 0 && x < xs[size - 1]) {
            throw new IllegalArgumentException(name + ": x must not decrease (" + x + " after " + xs[size - 1] + ")");
        }
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    public void clear() {
        size = 0;
    }

    double[] xArray() {
        return xs;
    }

    double[] yArray() {
        return ys;
    }

    /** First index with x >= {@code value} (size when none). */
    int lowerBound(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
