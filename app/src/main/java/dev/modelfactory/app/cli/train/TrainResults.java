package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON and text forms of plans and outcomes. */
final class TrainResults {

    private TrainResults() {
    }

    static Map<String, Object> plan(TrainingPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", p.modelName());
        m.put("modelId", p.modelId());
        m.put("dataset", p.dataset());
        m.put("datasetVersion", p.versionRoot());
        m.put("trainRows", p.trainRows());
        m.put("validationRows", p.validationRows());
        m.put("testRows", p.testRows());
        m.put("skippedRows", p.skippedRows());
        m.put("excludedRows", p.excluded().excludedRows());
        m.put("excludedBy", p.excluded().byContributor().stream().map(c -> Map.of("contributor",
                c.contributor() == null ? "(none)" : c.contributor(), "rows", c.rows())).toList());
        m.put("trainTokens", p.trainTokens());
        m.put("lossTokens", p.lossTokens());
        m.put("droppedExamples", p.droppedExamples());
        m.put("stepsPerEpoch", p.stepsPerEpoch());
        m.put("totalSteps", p.totalSteps());
        m.put("chatTemplate", p.chatTemplate());
        m.put("memory", Map.of("weightsBytes", p.memory().weightsBytes(), "activationsBytes",
                p.memory().activationsBytes(), "optimiserBytes", p.memory().optimiserBytes(), "totalBytes",
                p.memory().totalBytes(), "trainableParameters", p.memory().trainableParameters()));
        return m;
    }

    static String planText(TrainingPlan p) {
        String excluded = p.excluded().excludedRows() == 0 ? "none" : p.excluded().excludedRows() + " ("
                + String.join(", ", p.excluded().byContributor().stream().map(c -> (c.contributor() == null
                ? "(no contributor)" : c.contributor()) + ": " + c.rows()).toList()) + ")";
        return String.format(Locale.ROOT, "%s on %s@%s%n  rows: %d train, %d eval, %d in other splits (held out);"
                + " excluded by permissions: %s%n  tokens: %d (%d with loss); %d steps (%d per epoch); template: %s%n"
                + "  memory: ~%.1f MB (weights %.1f, activations %.1f, optimiser %.1f)",
                p.modelName(), p.dataset(), p.versionRoot().substring(0, 12), p.trainRows(), p.validationRows(),
                p.testRows(), excluded, p.trainTokens(), p.lossTokens(), p.totalSteps(), p.stepsPerEpoch(),
                p.chatTemplate(), mb(p.memory().totalBytes()), mb(p.memory().weightsBytes()),
                mb(p.memory().activationsBytes()), mb(p.memory().optimiserBytes()));
    }

    static Map<String, Object> outcome(TrainingOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", o.outcome() == dev.modelfactory.ledger.store.run.RunOutcome.COMPLETED);
        m.put("runId", o.runId());
        m.put("outcome", o.outcome().name());
        m.put("message", o.message());
        m.put("steps", o.steps());
        m.put("finalLoss", finite(o.finalLoss()));
        m.put("evalLoss", finite(o.evalLoss()));
        m.put("adapterPath", o.adapterPath().map(Object::toString).orElse(null));
        m.put("adapterHash", o.adapterHash().orElse(null));
        m.put("seconds", o.seconds());
        m.put("tokensPerSecond", finite(o.tokensPerSecond()));
        return m;
    }

    static String outcomeText(TrainingOutcome o) {
        return String.format(Locale.ROOT, "run %d %s after %d steps: loss %.4f, eval loss %s, %.1f s, %.0f tok/s%s%s",
                o.runId(), o.outcome(), o.steps(), o.finalLoss(), Double.isNaN(o.evalLoss()) ? "-"
                        : String.format(Locale.ROOT, "%.4f", o.evalLoss()), o.seconds(), o.tokensPerSecond(),
                o.adapterPath().map(p -> "\n  adapter: " + p).orElse(""),
                o.adapterHash().map(h -> " (sha256 " + h + ")").orElse(""))
                + (List.of("COMPLETED").contains(o.outcome().name()) ? "" : "\n  " + o.message());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
