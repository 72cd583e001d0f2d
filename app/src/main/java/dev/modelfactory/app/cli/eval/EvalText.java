package dev.modelfactory.app.cli.eval;

import dev.modelfactory.app.eval.Comparisons;
import dev.modelfactory.app.eval.SuiteCodec;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.stats.MetricSummary;
import dev.modelfactory.engine.eval.stats.PairedComparison;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.eval.SystemRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The eval commands' results as JSON-ready maps (stable key order) and as human lines. */
final class EvalText {

    private EvalText() {
    }

    static Map<String, Object> suite(SuiteRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("version", s.version());
        m.put("description", s.description());
        m.put("tasks", s.tasks());
        m.put("items", s.items());
        m.put("contentHash", s.contentHash());
        m.put("created", s.createdAt().toString());
        return m;
    }

    static String suiteLine(SuiteRecord s) {
        return String.format(Locale.ROOT, "%s@%d  %d task(s), %d item(s)  %s", s.name(), s.version(), s.tasks(),
                s.items(), s.description());
    }

    static Map<String, Object> run(EvalRunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("suite", r.suiteName());
        m.put("suiteVersion", r.suiteVersion());
        m.put("model", r.modelName());
        m.put("modelHash", r.modelHash());
        List<Map<String, Object>> systems = new ArrayList<>();
        for (SystemRef s : r.systems()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("label", s.label());
            sm.put("adapterPath", s.adapterPath());
            sm.put("adapterHash", s.adapterHash());
            systems.add(sm);
        }
        m.put("systems", systems);
        Decoding d = SuiteCodec.decoding(r.decodingJson());
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("maxTokens", d.maxTokens());
        dm.put("temperature", d.temperature());
        dm.put("topP", d.topP());
        dm.put("seed", d.seed());
        m.put("decoding", dm);
        m.put("outputs", r.outputs());
        m.put("started", r.startedAt().toString());
        m.put("finished", r.finishedAt().toString());
        return m;
    }

    static String runLine(EvalRunRecord r) {
        return String.format(Locale.ROOT, "run %d  %s@%d  %s  systems %s  %s", r.id(), r.suiteName(),
                r.suiteVersion(), r.modelName(), r.systems().stream().map(SystemRef::label).toList(), r.finishedAt());
    }

    static Map<String, Object> summary(Comparisons.Summary s) {
        MetricSummary x = s.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", s.system());
        m.put("task", s.task());
        m.put("metric", s.metric().id());
        m.put("mean", x.mean());
        m.put("low", x.low());
        m.put("high", x.high());
        m.put("n", x.n());
        return m;
    }

    static String summaryLine(Comparisons.Summary s) {
        MetricSummary x = s.summary();
        return String.format(Locale.ROOT, "%-20s %-20s %-24s %.4f [%.4f, %.4f]  n=%d", s.system(), s.task(),
                s.metric().id(), x.mean(), x.low(), x.high(), x.n());
    }

    static Map<String, Object> paired(Comparisons.Paired p) {
        PairedComparison c = p.comparison();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", p.task());
        m.put("metric", p.metric().id());
        m.put("baseline", p.baseline());
        m.put("system", p.system());
        m.put("difference", c.difference());
        m.put("low", c.low());
        m.put("high", c.high());
        m.put("wins", c.wins());
        m.put("ties", c.ties());
        m.put("losses", c.losses());
        m.put("significant", c.significant());
        return m;
    }

    static String pairedLine(Comparisons.Paired p) {
        PairedComparison c = p.comparison();
        return String.format(Locale.ROOT, "%s vs %s  %-20s %-24s %+.4f [%+.4f, %+.4f]  W/T/L %d/%d/%d%s",
                p.system(), p.baseline(), p.task(), p.metric().id(), c.difference(), c.low(), c.high(), c.wins(),
                c.ties(), c.losses(), c.significant() ? "  significant" : "");
    }
}
