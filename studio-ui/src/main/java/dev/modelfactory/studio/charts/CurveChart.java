package dev.modelfactory.studio.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javax.imageio.ImageIO;

/**
 * A line chart drawn on one Canvas: fast with 100,000-point series because each redraw draws only the
 * visible range, downsampled with {@link Lttb} to about two points per pixel. Scroll zooms the x axis
 * around the pointer, dragging pans, double-click shows everything again; hovering reads out the nearest
 * point of each series. With smoothing above 0 the raw curve is drawn faint behind its {@link Ema} curve.
 */
public final class CurveChart extends Region {

    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TOP = 26;
    private static final double BOTTOM = 30;
    private static final Color AXIS = Color.gray(0.55);
    private static final Color GRID = Color.gray(0.5, 0.18);

    private final Canvas canvas = new Canvas();
    private final String title;
    private final List<ChartSeries> series = new ArrayList<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private DoubleFunction<String> yFormat = ChartFormat::compact;
    private DoubleFunction<String> xFormat = ChartFormat::compact;
    private double viewLo = Double.NaN;
    private double viewHi = Double.NaN;
    private double hoverX = Double.NaN;
    private double dragStartX = Double.NaN;
    private int drawnPoints;

    public CurveChart(String title) {
        this.title = title;
        getChildren().add(canvas);
        getStyleClass().add("curve-chart");
        setPrefSize(460, 230);
        setMinSize(200, 140);
        smoothing.addListener((o, a, b) -> redraw());
        logScale.addListener((o, a, b) -> redraw());
        canvas.setOnScroll(e -> {
            double[] r = dataRange();
            if (r == null) {
                return;
            }
            double lo = Double.isNaN(viewLo) ? r[0] : viewLo;
            double hi = Double.isNaN(viewHi) ? r[1] : viewHi;
            double anchor = toDataX(e.getX(), lo, hi);
            double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
            zoomTo(anchor - (anchor - lo) * factor, anchor + (hi - anchor) * factor);
        });
        canvas.setOnMousePressed(e -> dragStartX = e.getX());
        canvas.setOnMouseDragged(e -> {
            double[] r = dataRange();
            if (r == null || Double.isNaN(dragStartX)) {
                return;
            }
            double lo = Double.isNaN(viewLo) ? r[0] : viewLo;
            double hi = Double.isNaN(viewHi) ? r[1] : viewHi;
            double shift = (dragStartX - e.getX()) / plotWidth() * (hi - lo);
            dragStartX = e.getX();
            viewLo = lo + shift;
            viewHi = hi + shift;
            redraw();
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetZoom();
            }
        });
        canvas.setOnMouseMoved(e -> hover(e.getX()));
        canvas.setOnMouseExited(e -> hover(Double.NaN));
    }

    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public String title() {
        return title;
    }

    public void setYFormat(DoubleFunction<String> format) {
        this.yFormat = format;
    }

    public void setXFormat(DoubleFunction<String> format) {
        this.xFormat = format;
    }

    /** Replaces the curves (the chart keeps the lists' objects; call {@link #redraw()} after appending). */
    public void setSeries(List<ChartSeries> curves) {
        series.clear();
        series.addAll(curves);
        redraw();
    }

    public List<ChartSeries> series() {
        return List.copyOf(series);
    }

    /** Shows x in [lo, hi] (zoom); a range narrower than a millionth of the data is widened. */
    public void zoomTo(double lo, double hi) {
        if (!(hi > lo)) {
            return;
        }
        viewLo = lo;
        viewHi = hi;
        redraw();
    }

    public void resetZoom() {
        viewLo = Double.NaN;
        viewHi = Double.NaN;
        redraw();
    }

    /** Points drawn by the last redraw, raw and smoothed together (what downsampling bounds). */
    public int drawnPoints() {
        return drawnPoints;
    }

    /** Moves the hover read-out to canvas x {@code px} (NaN hides it). */
    public void hover(double px) {
        hoverX = px;
        redraw();
    }

    /** The read-out lines at the hovered position, one per series ("name: value @ x"); empty when none. */
    public List<String> readout() {
        List<String> lines = new ArrayList<>();
        double[] view = view();
        if (Double.isNaN(hoverX) || view == null) {
            return lines;
        }
        double x = toDataX(hoverX, view[0], view[1]);
        for (ChartSeries s : series) {
            if (s.size() == 0) {
                continue;
            }
            int i = Math.min(s.lowerBound(x), s.size() - 1);
            if (i > 0 && Math.abs(s.x(i - 1) - x) < Math.abs(s.x(i) - x)) {
                i--;
            }
            double smoothed = Ema.smooth(s.yArray(), i + 1, smoothing.get())[i];
            lines.add(s.name() + ": " + yFormat.apply(smoothed)
                    + (smoothing.get() > 0 ? " (raw " + yFormat.apply(s.y(i)) + ")" : "") + " @ " + xFormat.apply(s.x(i)));
        }
        return lines;
    }

    /** Writes the chart as a PNG (temp file + rename). */
    public void exportPng(Path file) throws IOException {
        WritableImage image = canvas.snapshot(new SnapshotParameters(), null);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double toDataX(double px, double lo, double hi) {
        return lo + (px - LEFT) / plotWidth() * (hi - lo);
    }

    private double[] dataRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            if (s.size() > 0) {
                lo = Math.min(lo, s.x(0));
                hi = Math.max(hi, s.x(s.size() - 1));
            }
        }
        if (lo > hi) {
            return null;
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1, hi + 1};
    }

    private double[] view() {
        double[] r = dataRange();
        if (r == null) {
            return null;
        }
        return Double.isNaN(viewLo) ? r : new double[] {viewLo, viewHi};
    }

    /** Redraws now (cheap: the visible range, downsampled). */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFont(Font.font(11));
        g.setFill(AXIS);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(title + (logScale.get() ? "  (log)" : ""), LEFT, 6);
        drawnPoints = 0;
        double[] view = view();
        if (view == null || w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            g.fillText("no points yet", LEFT, TOP + 10);
            return;
        }
        boolean log = logScale.get();
        double pw = plotWidth();
        double ph = h - TOP - BOTTOM;
        int threshold = Math.max(3, (int) (2 * pw));
        List<Curve> curves = new ArrayList<>();
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            if (s.size() == 0) {
                continue;
            }
            int from = Math.max(0, s.lowerBound(view[0]) - 1);
            int to = Math.min(s.size(), s.lowerBound(view[1]) + 1);
            if (to - from < 1) {
                continue;
            }
            double[] smooth = smoothing.get() > 0 ? Ema.smooth(s.yArray(), to, smoothing.get()) : s.yArray();
            double[] ty = transformed(s.yArray(), from, to, log);
            double[] ts = smooth == s.yArray() ? ty : transformed(smooth, from, to, log);
            double[] tx = new double[to - from];
            System.arraycopy(s.xArray(), from, tx, 0, to - from);
            int[] rawIdx = Lttb.select(tx, ty, 0, tx.length, threshold);
            int[] smIdx = ts == ty ? rawIdx : Lttb.select(tx, ts, 0, tx.length, threshold);
            for (double[] arr : ts == ty ? new double[][] {ty} : new double[][] {ty, ts}) {
                for (int i = 0; i < arr.length; i++) {
                    if (Double.isFinite(arr[i]) && tx[i] >= view[0] && tx[i] <= view[1]) {
                        yLo = Math.min(yLo, arr[i]);
                        yHi = Math.max(yHi, arr[i]);
                    }
                }
            }
            curves.add(new Curve(s.color(), tx, ty, ts, rawIdx, smIdx));
        }
        if (!(yHi >= yLo)) {
            yLo = 0;
            yHi = 1;
        }
        if (yHi - yLo < 1e-12) {
            double pad = Math.max(Math.abs(yHi) * 0.05, 1e-6);
            yLo -= pad;
            yHi += pad;
        }
        double pad = (yHi - yLo) * 0.06;
        yLo -= pad;
        yHi += pad;
        drawAxes(g, view, yLo, yHi, log, pw, ph);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        for (Curve c : curves) {
            boolean smoothed = c.smooth != c.raw;
            drawnPoints += draw(g, c.x, c.raw, c.rawIdx, smoothed ? c.color.deriveColor(0, 1, 1, 0.25) : c.color,
                    smoothed ? 1 : 1.6, view, yLo, yHi, pw, ph);
            if (smoothed) {
                drawnPoints += draw(g, c.x, c.smooth, c.smIdx, c.color, 1.8, view, yLo, yHi, pw, ph);
            }
        }
        g.restore();
        drawReadout(g, w, h);
    }

    private static double[] transformed(double[] ys, int from, int to, boolean log) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = !log ? ys[i] : ys[i] > 0 ? Math.log10(ys[i]) : Double.NaN;
        }
        return out;
    }

    private static int draw(GraphicsContext g, double[] x, double[] y, int[] idx, Color color, double width,
            double[] view, double yLo, double yHi, double pw, double ph) {
        g.setStroke(color);
        g.setLineWidth(width);
        g.beginPath();
        boolean open = false;
        int drawn = 0;
        for (int i : idx) {
            if (!Double.isFinite(y[i])) {
                open = false;
                continue;
            }
            double px = LEFT + (x[i] - view[0]) / (view[1] - view[0]) * pw;
            double py = TOP + (1 - (y[i] - yLo) / (yHi - yLo)) * ph;
            if (open) {
                g.lineTo(px, py);
            } else {
                g.moveTo(px, py);
                open = true;
            }
            drawn++;
        }
        if (drawn == 1) {
            g.stroke();
            double px = LEFT + (x[idx[0]] - view[0]) / (view[1] - view[0]) * pw;
            double py = TOP + (1 - (y[idx[0]] - yLo) / (yHi - yLo)) * ph;
            g.setFill(color);
            g.fillOval(px - 2.5, py - 2.5, 5, 5);
        } else {
            g.stroke();
        }
        return drawn;
    }

    private void drawAxes(GraphicsContext g, double[] view, double yLo, double yHi, boolean log, double pw, double ph) {
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP + ph, LEFT + pw, TOP + ph);
        g.strokeLine(LEFT, TOP, LEFT, TOP + ph);
        g.setFill(AXIS);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : ChartFormat.ticks(yLo, yHi, 5)) {
            double py = TOP + (1 - (t - yLo) / (yHi - yLo)) * ph;
            g.setStroke(GRID);
            g.strokeLine(LEFT, py, LEFT + pw, py);
            g.fillText(yFormat.apply(log ? Math.pow(10, t) : t), LEFT - 5, py);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : ChartFormat.ticks(view[0], view[1], 6)) {
            double px = LEFT + (t - view[0]) / (view[1] - view[0]) * pw;
            g.setStroke(GRID);
            g.strokeLine(px, TOP, px, TOP + ph);
            g.fillText(xFormat.apply(t), px, TOP + ph + 5);
        }
    }

    private void drawReadout(GraphicsContext g, double w, double h) {
        List<String> lines = readout();
        if (lines.isEmpty() || hoverX < LEFT || hoverX > w - RIGHT) {
            return;
        }
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(hoverX, TOP, hoverX, h - BOTTOM);
        double boxW = 8 + 6.2 * lines.stream().mapToInt(String::length).max().orElse(0);
        double boxH = 6 + 15 * lines.size();
        double bx = hoverX + 8 + boxW > w ? hoverX - 8 - boxW : hoverX + 8;
        g.setFill(Color.gray(0.12, 0.85));
        g.fillRoundRect(bx, TOP + 4, boxW, boxH, 6, 6);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            g.setFill(i < series.size() ? series.get(i).color().brighter() : Color.WHITE);
            g.fillText(lines.get(i), bx + 4, TOP + 7 + 15 * i);
        }
    }

    private record Curve(Color color, double[] x, double[] raw, double[] smooth, int[] rawIdx, int[] smIdx) {
    }
}
