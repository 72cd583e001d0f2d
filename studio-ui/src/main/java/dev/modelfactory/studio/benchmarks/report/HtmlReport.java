package dev.modelfactory.studio.benchmarks.report;

import static dev.modelfactory.studio.benchmarks.report.Markup.escape;

import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.ItemOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A comparison as one self-contained HTML file: inline CSS, inline SVG charts (across tasks, then each
 * task's metrics, with error bars), the metric table with intervals and deltas against the baseline, and
 * the examples with every system's output (tokens not in the reference marked). No scripts, no external
 * resources; the markup is well-formed XHTML (parsable as XML) and every text is escaped.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:24px auto;\
            max-width:1100px;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
            h3{font-size:14px;margin:0 0 6px}.meta{color:#57606a;margin:0}
            table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;\
            text-align:left;vertical-align:top}th{background:#f6f8fa}
            td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
            .better{color:#1a7f37;font-weight:600}.worse{color:#cf222e;font-weight:600}
            .charts svg{margin:4px 12px 12px 0;border:1px solid #eaeef2;border-radius:6px;background:#fff}
            .example{border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;margin:10px 0}
            pre{white-space:pre-wrap;word-break:break-word;margin:2px 0;font:12.5px/1.4 ui-monospace,monospace}
            .diff{background:#ffebe9;text-decoration:underline wavy #cf222e}.tag{background:#ddf4ff;\
            border-radius:8px;padding:0 6px;margin-right:4px;font-size:12px}
            """;

    private final Comparison comparison;
    private final List<Example> examples;
    private final String title;
    private final Instant generated;

    private HtmlReport(Builder b) {
        this.comparison = Objects.requireNonNull(b.comparison, "comparison");
        this.examples = List.copyOf(b.examples);
        EvalResult r = comparison.result();
        this.title = b.title != null ? b.title : r.suite() + " v" + r.suiteVersion() + " on " + r.model();
        this.generated = b.generated != null ? b.generated : Instant.now();
    }

    public static Builder builder(Comparison comparison) {
        return new Builder(comparison);
    }

    /** Builds a report: the comparison is required; examples, title and time are optional. */
    public static final class Builder {
        private final Comparison comparison;
        private List<Example> examples = List.of();
        private String title;
        private Instant generated;

        private Builder(Comparison comparison) {
            this.comparison = comparison;
        }

        /** The examples to list (already filtered as wanted); none by default. */
        public Builder examples(List<Example> examples) {
            this.examples = examples;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The time printed in the header (default: now). */
        public Builder generated(Instant generated) {
            this.generated = generated;
            return this;
        }

        public HtmlReport build() {
            return new HtmlReport(this);
        }
    }

    /** The whole document. */
    public String render() {
        EvalResult r = comparison.result();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">Suite ").append(escape(r.suite()))
                .append(" version ").append(r.suiteVersion()).append(" \u00b7 model ").append(escape(r.model()))
                .append(" \u00b7 decoding ").append(escape(decoding(r))).append(" \u00b7 baseline ")
                .append(escape(comparison.baseline())).append(" \u00b7 generated ").append(escape(generated.toString()))
                .append("</p>\n<p class=\"meta\">Means with bootstrap 95 % intervals; deltas are paired (system "
                        + "minus baseline, same items). \u25B2 significantly better, \u25BC significantly worse "
                        + "(interval excludes zero).</p>\n");
        metricsTable(h);
        charts(h);
        examples(h);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Writes {@link #render()} to {@code file} atomically (temp file beside it, then rename). */
    public void write(Path file) {
        AtomicText.write(file, render());
    }

    private void metricsTable(StringBuilder h) {
        h.append("<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th>Task</th><th>Metric</th><th>System</th>"
                + "<th>Mean [95 % CI]</th><th>\u0394 vs ").append(escape(comparison.baseline()))
                .append(" [95 % CI]</th><th>Wins / ties / losses</th></tr></thead>\n<tbody>\n");
        for (Comparison.Cell c : comparison.cells()) {
            h.append("<tr data-task=\"").append(escape(c.task())).append("\" data-metric=\"").append(c.metric().id())
                    .append("\" data-system=\"").append(escape(c.system())).append("\"><td>").append(escape(c.task()))
                    .append("</td><td>").append(c.metric().id()).append("</td><td>").append(escape(c.system()))
                    .append("</td><td class=\"num mean\">").append(Verdict.meanText(c.summary())).append("</td>");
            if (c.delta().isEmpty()) {
                h.append("<td class=\"num delta\">baseline</td><td class=\"num\"></td>");
            } else {
                var d = c.delta().get();
                Verdict v = Verdict.of(c.metric(), d);
                String cls = switch (v) {
                    case BETTER -> " better";
                    case WORSE -> " worse";
                    case NOISE -> "";
                };
                h.append("<td class=\"num delta").append(cls).append("\" title=\"").append(v.words()).append("\">")
                        .append(escape(Verdict.deltaText(c.metric(), d))).append("</td><td class=\"num\">")
                        .append(d.wins()).append(" / ").append(d.ties()).append(" / ").append(d.losses())
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private void charts(StringBuilder h) {
        h.append("<h2>Charts</h2>\n<div class=\"charts\">\n")
                .append(SvgBarChart.render(BarChartModel.acrossTasks(comparison))).append('\n');
        for (String task : comparison.tasks()) {
            h.append(SvgBarChart.render(BarChartModel.perMetric(comparison, task))).append('\n');
        }
        h.append("</div>\n");
    }

    private void examples(StringBuilder h) {
        if (examples.isEmpty()) {
            return;
        }
        h.append("<h2>Examples (").append(examples.size()).append(")</h2>\n");
        for (Example e : examples) {
            h.append("<div class=\"example\" data-item=\"").append(escape(e.item().id())).append("\">\n<h3>")
                    .append(escape(e.task())).append(" \u00b7 ").append(escape(e.item().id())).append("</h3>\n");
            if (!e.item().tags().isEmpty()) {
                h.append("<p>").append(e.item().tags().stream().map(t -> "<span class=\"tag\">" + escape(t) + "</span>")
                        .collect(Collectors.joining())).append("</p>\n");
            }
            h.append("<table class=\"outputs\">\n<tr><th>Prompt</th><td><pre>").append(escape(e.promptText()))
                    .append("</pre></td><td></td></tr>\n<tr><th>Reference</th><td><pre>")
                    .append(escape(e.item().reference())).append("</pre></td><td></td></tr>\n");
            if (!e.choicesText().isEmpty()) {
                h.append("<tr><th>Choices</th><td><pre>").append(escape(e.choicesText()))
                        .append("</pre></td><td></td></tr>\n");
            }
            for (var entry : e.outcomes().entrySet()) {
                ItemOutcome o = entry.getValue();
                h.append("<tr class=\"output\" data-system=\"").append(escape(entry.getKey())).append("\"><th>")
                        .append(escape(entry.getKey())).append("</th><td><pre>");
                for (TokenDiff.Span span : TokenDiff.diff(o.output(), e.item().reference())) {
                    h.append(span.same() ? escape(span.text())
                            : "<span class=\"diff\">" + escape(span.text()) + "</span>");
                }
                h.append("</pre></td><td class=\"num\">").append(escape(scores(o))).append("</td></tr>\n");
            }
            h.append("</table>\n</div>\n");
        }
    }

    private static String scores(ItemOutcome o) {
        return o.scores().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(s -> s.getKey().id() + " " + Markup.score(s.getValue())).collect(Collectors.joining(", "));
    }

    static String decoding(EvalResult r) {
        var d = r.decoding();
        return d.isGreedy() ? "greedy, max " + d.maxTokens() + " tokens"
                : "temperature " + d.temperature() + ", top-p " + d.topP() + ", seed " + d.seed() + ", max "
                        + d.maxTokens() + " tokens";
    }
}
