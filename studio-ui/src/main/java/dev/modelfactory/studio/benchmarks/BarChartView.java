package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.studio.benchmarks.report.BarChartModel;
import dev.modelfactory.studio.benchmarks.report.Markup;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * A {@link BarChartModel} drawn with JavaFX shapes in the geometry of the report's SVG: bars (style class
 * {@code bench-bar}, the bar record as user data), error bars over the 95 % interval ({@code bench-error-bar},
 * three lines each), group labels and a legend. Text uses Labels so it follows the theme.
 */
final class BarChartView extends Pane {

    static final double HEIGHT = 268;
    private static final double TOP = 30;
    private static final double BOTTOM = 200;
    private static final double LEFT = 46;
    private static final double BAR = 22;
    private static final double GAP = 28;
    private static final double MIN_GROUP = 120;

    BarChartView(BarChartModel chart) {
        getStyleClass().add("bench-chart");
        int n = Math.max(1, chart.series().size());
        double groupWidth = Math.max(n * BAR + GAP, MIN_GROUP);
        double width = Math.max(360, LEFT + 16 + chart.groups().size() * groupWidth);
        setPrefSize(width, HEIGHT);
        setMinSize(width, HEIGHT);
        setMaxSize(width, HEIGHT);
        label(chart.title(), LEFT, 4, "text-bold");
        for (int i = 0; i <= 4; i++) {
            double v = chart.yMax() * i / 4;
            double y = y(v, chart.yMax());
            Line grid = new Line(LEFT, y, width - 8, y);
            grid.setStroke(Color.web("#8c959f", i == 0 ? 0.9 : 0.35));
            getChildren().add(grid);
            Label tick = label(trim(Markup.score(v)), 0, y - 9, "text-small");
            tick.setPrefWidth(LEFT - 6);
            tick.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        }
        for (int g = 0; g < chart.groups().size(); g++) {
            BarChartModel.Group group = chart.groups().get(g);
            double x0 = LEFT + 8 + g * groupWidth + (groupWidth - n * BAR - GAP) / 2;
            for (int b = 0; b < group.bars().size(); b++) {
                BarChartModel.Bar bar = group.bars().get(b);
                int colour = chart.series().indexOf(bar.series());
                bar(chart, group, bar, x0 + b * BAR, colour < 0 ? b : colour);
            }
            Label name = label(group.label().replace(" (", "\n("), x0 + n * BAR / 2 - (groupWidth - 4) / 2,
                    BOTTOM + 4, "text-small");
            name.setPrefWidth(groupWidth - 4);
            name.setAlignment(javafx.geometry.Pos.CENTER);
            name.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        }
        double x = LEFT;
        for (int i = 0; i < chart.series().size(); i++) {
            Rectangle swatch = new Rectangle(x, HEIGHT - 22, 10, 10);
            swatch.setFill(Color.web(BarChartModel.colour(i)));
            getChildren().add(swatch);
            label(chart.series().get(i), x + 14, HEIGHT - 27, "text-small");
            x += 28 + 7 * chart.series().get(i).length();
        }
    }

    private void bar(BarChartModel chart, BarChartModel.Group group, BarChartModel.Bar bar, double x, int colour) {
        double top = y(bar.mean(), chart.yMax());
        Rectangle r = new Rectangle(x + 2, top, BAR - 4, BOTTOM - top);
        r.setFill(Color.web(BarChartModel.colour(colour)));
        r.getStyleClass().add("bench-bar");
        r.setUserData(bar);
        Tooltip.install(r, new Tooltip(bar.series() + " on " + group.label() + ": " + Markup.score(bar.mean())
                + " [" + Markup.score(bar.low()) + ", " + Markup.score(bar.high()) + "]"));
        getChildren().add(r);
        double cx = x + BAR / 2;
        double lo = y(bar.low(), chart.yMax());
        double hi = y(bar.high(), chart.yMax());
        for (Line l : new Line[] {new Line(cx, lo, cx, hi), new Line(cx - 5, lo, cx + 5, lo),
                new Line(cx - 5, hi, cx + 5, hi)}) {
            l.getStyleClass().add("bench-error-bar");
            l.setStroke(Color.web("#6e7781"));
            l.setStrokeWidth(1.4);
            l.setUserData(bar);
            getChildren().add(l);
        }
    }

    private Label label(String text, double x, double y, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.relocate(x, y);
        l.setManaged(false);
        l.autosize();
        getChildren().add(l);
        return l;
    }

    @Override
    protected void layoutChildren() {
        for (var node : getChildren()) {
            if (node instanceof Label l) {
                double w = l.getPrefWidth() > 0 ? l.getPrefWidth() : l.prefWidth(-1);
                l.resize(w, l.prefHeight(w));
            }
        }
    }

    private static String trim(String s) {
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static double y(double v, double yMax) {
        return BOTTOM - (BOTTOM - TOP) * Math.max(0, Math.min(v, yMax)) / yMax;
    }
}
