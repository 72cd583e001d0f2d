package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.studio.charts.ChartSeries;
import dev.modelfactory.studio.charts.ChartFormat;
import dev.modelfactory.studio.charts.CurveChart;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.scene.paint.Color;

/**
 * The six charts and the stored points of every run they show (the live run and the overlaid ones). Points
 * are kept whole here; the charts draw a downsampled view. A run's colour follows from its id, so it is
 * the same in every chart, the legend, and after a restart. FX thread only.
 */
final class RunCharts {

    /** Tableau 10: distinct on light and dark backgrounds. */
    private static final Color[] PALETTE = {Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"),
            Color.web("#76b7b2"), Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"),
            Color.web("#ff9da7"), Color.web("#9c755f"), Color.web("#bab0ac")};

    private final Map<MetricKind, CurveChart> charts = new EnumMap<>(MetricKind.class);
    private final Map<Long, List<MetricPoint>> points = new LinkedHashMap<>();
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final Map<Long, Map<MetricKind, ChartSeries>> series = new LinkedHashMap<>();
    private XAxis axis = XAxis.STEP;

    RunCharts() {
        for (MetricKind k : MetricKind.values()) {
            CurveChart c = new CurveChart(k.title());
            c.setId("chart-" + k.column());
            if (k == MetricKind.LEARNING_RATE) {
                c.setYFormat(v -> String.format(java.util.Locale.ROOT, "%.1e", v));
            }
            charts.put(k, c);
        }
    }

    static Color colour(long runId) {
        return PALETTE[(int) Math.floorMod(runId - 1, (long) PALETTE.length)];
    }

    CurveChart chart(MetricKind k) {
        return charts.get(k);
    }

    List<CurveChart> charts() {
        return List.copyOf(charts.values());
    }

    Map<Long, List<MetricPoint>> points() {
        return points;
    }

    Map<Long, String> names() {
        return names;
    }

    boolean shows(long runId) {
        return points.containsKey(runId);
    }

    void setAxis(XAxis a) {
        axis = a;
        for (CurveChart c : charts.values()) {
            c.setXFormat(a == XAxis.STEP ? v -> String.format(java.util.Locale.ROOT, "%.0f", v) : ChartFormat::compact);
            c.resetZoom();
        }
        rebuild();
    }

    /** Shows a run with its stored points (replacing what was shown of it). */
    void show(long runId, String name, List<MetricPoint> stored) {
        points.put(runId, new ArrayList<>(stored));
        names.put(runId, name);
        rebuild();
    }

    void hide(long runId) {
        points.remove(runId);
        names.remove(runId);
        rebuild();
    }

    /** Appends new points of a shown run (live) without rebuilding the others. */
    void append(long runId, List<MetricPoint> fresh) {
        List<MetricPoint> stored = points.get(runId);
        Map<MetricKind, ChartSeries> s = series.get(runId);
        if (stored == null || s == null) {
            return;
        }
        for (MetricPoint p : fresh) {
            stored.add(p);
            add(s, p);
        }
        charts.values().forEach(CurveChart::redraw);
    }

    private void rebuild() {
        series.clear();
        for (var e : points.entrySet()) {
            Map<MetricKind, ChartSeries> s = new EnumMap<>(MetricKind.class);
            for (MetricKind k : MetricKind.values()) {
                s.put(k, new ChartSeries("#" + e.getKey(), colour(e.getKey())));
            }
            e.getValue().forEach(p -> add(s, p));
            series.put(e.getKey(), s);
        }
        for (var c : charts.entrySet()) {
            List<ChartSeries> curves = new ArrayList<>();
            series.values().forEach(s -> curves.add(s.get(c.getKey())));
            c.getValue().setSeries(curves);
        }
    }

    private void add(Map<MetricKind, ChartSeries> s, MetricPoint p) {
        double x = axis.of(p);
        for (var e : s.entrySet()) {
            OptionalDouble v = e.getKey().of(p);
            ChartSeries cs = e.getValue();
            // a point out of x order (a resumed run's re-recorded steps) stays stored but is not drawn
            if (v.isPresent() && (cs.size() == 0 || x >= cs.x(cs.size() - 1))) {
                cs.add(x, v.getAsDouble());
            }
        }
    }
}
