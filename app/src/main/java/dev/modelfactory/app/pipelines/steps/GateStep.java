package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.eval.Comparisons;
import dev.modelfactory.app.eval.EvalService;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gate}: compares {@code system} (default {@code candidate}) with {@code baseline} (default
 * {@code base}) in the {@code eval} run on {@code metric} (default exact_match) with the evaluation's paired
 * bootstrap, and fails the pipeline with the figures unless {@link GateRule} passes on every task.
 */
final class GateStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        OutputRef eval = ctx.requiredInput("eval");
        if (eval.kind() != OutputKind.EVAL_RUN) {
            throw new StepFailedException(ctx.field("eval") + ": expects an eval step's run");
        }
        EvalService service = new EvalService(ctx.workspace());
        EvalRunRecord run = service.runRecord(Long.parseLong(eval.ref()));
        EvalSuite suite = service.suite(run.suiteName(), run.suiteVersion());
        EvalResult result = service.result(run.id());
        Metric metric = Metric.of(ctx.text("metric").orElse(Metric.EXACT_MATCH.id()));
        String system = ctx.text("system").orElse("candidate");
        String wanted = ctx.text("baseline").orElse("base");
        String baseline = wanted;
        if (result.systems().stream().noneMatch(s -> s.label().equals(wanted))
                && result.systems().stream().anyMatch(s -> s.label().equals("base")) && !wanted.equals("base")) {
            ctx.log("the eval run has no system " + wanted + " (no current best yet): comparing with base");
            baseline = "base";
        }
        String rule = ctx.text("rule").orElse("beats");
        double margin = ctx.number("margin", 0);
        List<Comparisons.Paired> pairs;
        try {
            pairs = Comparisons.compare(suite, result, baseline, result, system, Optional.of(metric));
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(ctx.step().path() + ": " + e.getMessage(), e);
        }
        List<String> failed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Comparisons.Paired p : pairs) {
            String line = GateRule.describe(system, baseline, metric.id(), p.task(), p.comparison());
            lines.add(line);
            ctx.log(line);
            if (!GateRule.passes(rule, margin, p.comparison())) {
                failed.add(line);
            }
        }
        String what = rule.equals("beats") ? "beat " + baseline + " by more than " + margin + " outside the 95% interval"
                : "be no worse than " + baseline + " by more than " + margin;
        if (!failed.isEmpty()) {
            throw new StepFailedException("gate not passed: " + system + " must " + what + "; " + String.join("; ",
                    failed));
        }
        String summary = "passed: " + String.join("; ", lines);
        return StepResult.done(summary, new OutputRef("verdict", OutputKind.GATE, summary, Hashes.of("gate",
                ctx.inputsHash()), "passed (" + rule + " " + baseline + " on " + metric.id() + ")"));
    }
}
