package dev.modelfactory.studio.benchmarks.report;

import static dev.modelfactory.studio.benchmarks.report.Markup.escape;
import static dev.modelfactory.studio.benchmarks.report.Markup.px;

import java.util.List;

/**
 * Draws a {@link BarChartModel} as inline SVG: y axis with five ticks, per group one {@code rect.bar} per
 * series and a {@code g.error-bar} (vertical line and two caps) over the interval, the group labels, a
 * legend. Each bar and error bar carries its numbers in {@code data-*} attributes and a {@code <title>}
 * (hover text), so the chart is readable without colour and checkable by a parser.
 */
public final class SvgBarChart {

    static final double HEIGHT = 296;
    static final double PLOT_TOP = 34;
    static final double PLOT_BOTTOM = 220;
    static final double LEFT = 52;
    static final double BAR = 22;
    static final double GROUP_GAP = 28;
    static final double MIN_GROUP = 120;

    private SvgBarChart() {
    }

    /** The {@code <svg>} element (XHTML-embeddable, SVG namespace declared). */
    public static String render(BarChartModel chart) {
        int n = Math.max(1, chart.series().size());
        double groupWidth = Math.max(n * BAR + GROUP_GAP, MIN_GROUP);
        double width = Math.max(420, LEFT + 16 + chart.groups().size() * groupWidth);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(px(width))
                .append("\" height=\"").append(px(HEIGHT)).append("\" viewBox=\"0 0 ").append(px(width)).append(' ')
                .append(px(HEIGHT)).append("\" data-title=\"").append(escape(chart.title())).append("\">\n");
        s.append("<title>").append(escape(chart.title())).append("</title>\n");
        s.append("<text x=\"").append(px(LEFT)).append("\" y=\"16\" class=\"chart-title\" font-size=\"13\" "
                + "font-weight=\"600\">").append(escape(chart.title())).append("</text>\n");
        axis(s, chart.yMax(), width);
        for (int g = 0; g < chart.groups().size(); g++) {
            BarChartModel.Group group = chart.groups().get(g);
            double x0 = LEFT + 8 + g * groupWidth + (groupWidth - n * BAR - GROUP_GAP) / 2;
            for (int b = 0; b < group.bars().size(); b++) {
                bar(s, chart, group, group.bars().get(b), x0 + b * BAR, seriesIndex(chart.series(), group, b));
            }
            groupLabel(s, group.label(), x0 + n * BAR / 2);
        }
        legend(s, chart.series());
        s.append("</svg>");
        return s.toString();
    }

    private static void axis(StringBuilder s, double yMax, double width) {
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = y(v, yMax);
            s.append("<line class=\"grid\" x1=\"").append(px(LEFT)).append("\" x2=\"").append(px(width - 8))
                    .append("\" y1=\"").append(px(y)).append("\" y2=\"").append(px(y))
                    .append("\" stroke=\"#d0d7de\" stroke-width=\"").append(i == 0 ? "1.2" : "0.6").append("\"/>\n");
            s.append("<text x=\"").append(px(LEFT - 6)).append("\" y=\"").append(px(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#57606a\">")
                    .append(Markup.score(v).replaceAll("0+$", "").replaceAll("\\.$", "")).append("</text>\n");
        }
    }

    private static void bar(StringBuilder s, BarChartModel chart, BarChartModel.Group group, BarChartModel.Bar bar,
            double x, int colour) {
        double top = y(bar.mean(), chart.yMax());
        String what = bar.series() + " on " + group.label() + ": " + Markup.score(bar.mean()) + " ["
                + Markup.score(bar.low()) + ", " + Markup.score(bar.high()) + "]";
        s.append("<rect class=\"bar\" x=\"").append(px(x + 2)).append("\" y=\"").append(px(top))
                .append("\" width=\"").append(px(BAR - 4)).append("\" height=\"").append(px(PLOT_BOTTOM - top))
                .append("\" fill=\"").append(BarChartModel.colour(colour)).append("\" data-series=\"")
                .append(escape(bar.series())).append("\" data-group=\"").append(escape(group.label()))
                .append("\" data-mean=\"").append(Markup.score(bar.mean())).append("\"><title>").append(escape(what))
                .append("</title></rect>\n");
        double cx = x + BAR / 2;
        double lo = y(bar.low(), chart.yMax());
        double hi = y(bar.high(), chart.yMax());
        s.append("<g class=\"error-bar\" stroke=\"#24292f\" stroke-width=\"1.4\" data-series=\"")
                .append(escape(bar.series())).append("\" data-group=\"").append(escape(group.label()))
                .append("\" data-low=\"").append(Markup.score(bar.low())).append("\" data-high=\"")
                .append(Markup.score(bar.high())).append("\">");
        line(s, cx, lo, cx, hi);
        line(s, cx - 5, lo, cx + 5, lo);
        line(s, cx - 5, hi, cx + 5, hi);
        s.append("</g>\n");
    }

    /** The label under a group; "task (metric)" goes on two lines. */
    private static void groupLabel(StringBuilder s, String label, double x) {
        int split = label.indexOf(" (");
        String[] lines = split < 0 ? new String[] {label}
                : new String[] {label.substring(0, split), label.substring(split + 1)};
        s.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(PLOT_BOTTOM + 16))
                .append("\" text-anchor=\"middle\" font-size=\"11\" class=\"group-label\">");
        for (int i = 0; i < lines.length; i++) {
            s.append("<tspan x=\"").append(px(x)).append("\" dy=\"").append(i == 0 ? "0" : "13").append("\">")
                    .append(escape(lines[i])).append("</tspan>");
        }
        s.append("</text>\n");
    }

    private static void legend(StringBuilder s, List<String> series) {
        double x = LEFT;
        double y = HEIGHT - 22;
        for (int i = 0; i < series.size(); i++) {
            s.append("<rect class=\"legend-swatch\" x=\"").append(px(x)).append("\" y=\"").append(px(y))
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(BarChartModel.colour(i)).append("\"/>")
                    .append("<text x=\"").append(px(x + 14)).append("\" y=\"").append(px(y + 9))
                    .append("\" font-size=\"11\">").append(escape(series.get(i))).append("</text>\n");
            x += 28 + 7 * series.get(i).length();
        }
    }

    private static void line(StringBuilder s, double x1, double y1, double x2, double y2) {
        s.append("<line x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1)).append("\" x2=\"").append(px(x2))
                .append("\" y2=\"").append(px(y2)).append("\"/>");
    }

    private static int seriesIndex(List<String> series, BarChartModel.Group group, int b) {
        int i = series.indexOf(group.bars().get(b).series());
        return i < 0 ? b : i;
    }

    private static double y(double v, double yMax) {
        double clamped = Math.max(0, Math.min(v, yMax));
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * clamped / yMax;
    }
}
