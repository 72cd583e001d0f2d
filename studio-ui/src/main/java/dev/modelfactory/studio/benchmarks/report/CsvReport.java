package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every outcome of a result as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted,
 * quotes doubled), one row per system x task x item, in system, then task and item order. Columns: suite,
 * suite_version, model, system, adapter, task, item, one column per metric the result uses (enum order,
 * empty where the task has no such score), tokens, output.
 */
public final class CsvReport {

    private CsvReport() {
    }

    /** The CSV text. */
    public static String render(EvalResult result) {
        TreeSet<Metric> used = new TreeSet<>();
        result.outcomes().forEach(o -> used.addAll(o.scores().keySet()));
        List<Metric> metrics = List.copyOf(used);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("suite", "suite_version", "model", "system", "adapter", "task",
                "item"));
        metrics.forEach(m -> header.add(m.id()));
        header.add("tokens");
        header.add("output");
        row(out, header);
        for (EvalSystem system : result.systems()) {
            String adapter = system.adapter().map(Path::toString).orElse("");
            for (ItemOutcome o : result.outcomes()) {
                if (!o.system().equals(system.label())) {
                    continue;
                }
                List<String> fields = new ArrayList<>(List.of(result.suite(), Integer.toString(result.suiteVersion()),
                        result.model(), system.label(), adapter, o.task(), o.itemId()));
                Map<Metric, Double> scores = o.scores();
                for (Metric m : metrics) {
                    Double s = scores.get(m);
                    fields.add(s == null ? "" : Double.toString(s));
                }
                fields.add(Integer.toString(o.tokens()));
                fields.add(o.output());
                row(out, fields);
            }
        }
        return out.toString();
    }

    /** Writes {@link #render} to {@code file} atomically. */
    public static void write(Path file, EvalResult result) {
        AtomicText.write(file, render(result));
    }

    /** One field, quoted when RFC 4180 requires it. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }
}
