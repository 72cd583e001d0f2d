package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.eval.Comparisons;
import dev.modelfactory.app.eval.EvalService;
import dev.modelfactory.app.eval.ModelRef;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code eval}: evaluates {@code systems} (labels to {@code base} or an adapter output) on the model, over a
 * suite made from the frozen {@code dataset} version's TEST split or a stored {@code suite}, as one job of
 * the evaluation service (stored with every output). Output {@code run}: the eval run.
 */
final class EvalStep implements Step {

    @Override
    public Map<String, Object> externalInputs(StepContext ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("model", ModelRefs.hash(ctx, "model"));
        ctx.text("suite").ifPresent(s -> m.put("suite", suite(ctx, new EvalService(ctx.workspace()), s).contentHash()));
        if (ctx.systems("systems").containsValue("best")) {
            m.put("best", BestAdapter.find(ctx).map(OutputRef::hash).orElse("none"));
        }
        return m;
    }

    private static SuiteRecord suite(StepContext ctx, EvalService service, String ref) {
        try {
            return service.suiteRecord(ref);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(ctx.field("suite") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StepResult run(StepContext ctx) {
        EvalService service = new EvalService(ctx.workspace());
        SuiteRecord suite = ctx.input("dataset").map(v -> versionSuite(ctx, service, v))
                .orElseGet(() -> suite(ctx, service, ctx.requiredText("suite")));
        ModelRef model;
        try {
            model = service.model(ModelRefs.arg(ctx, "model"));
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(ctx.field("model") + ": " + e.getMessage(), e);
        }
        List<EvalSystem> systems = new ArrayList<>();
        Optional<OutputRef> best = BestAdapter.find(ctx);
        ctx.systems("systems").forEach((label, v) -> {
            if (v.equals("base")) {
                systems.add(new EvalSystem(label, Optional.empty()));
            } else if (v.equals("best")) {
                best.ifPresentOrElse(b -> systems.add(new EvalSystem(label, Optional.of(Path.of(b.ref())))),
                        () -> ctx.log(label + ": no earlier run of this pipeline succeeded yet; no current best"));
            } else {
                systems.add(new EvalSystem(label, Optional.of(Path.of(adapter(ctx, label, v).ref()))));
            }
        });
        int maxTokens = ctx.integer("max_tokens", 48);
        ctx.log("evaluating " + systems.stream().map(EvalSystem::label).toList() + " on suite " + suite.name() + " v"
                + suite.version() + " (" + suite.items() + " items)");
        EvalRunRecord run;
        try {
            run = service.run(suite, model, systems, Decoding.greedy(maxTokens), new Progress(ctx),
                    () -> ctx.cancel().isCancellationRequested());
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(ctx.step().path() + ": " + e.getMessage(), e);
        }
        EvalSuite s = service.suite(suite);
        for (Comparisons.Summary sum : Comparisons.summaries(s, service.result(run.id()))) {
            ctx.log(String.format(Locale.ROOT, "%s %s %s: %.3f [%.3f, %.3f]", sum.system(), sum.task(),
                    sum.metric().id(), sum.summary().mean(), sum.summary().low(), sum.summary().high()));
        }
        StringBuilder systemsHash = new StringBuilder();
        run.systems().forEach(x -> systemsHash.append(x.label()).append('=').append(x.adapterHash()).append(';'));
        return StepResult.done("eval run " + run.id() + ", " + run.outputs() + " outputs", new OutputRef("run",
                OutputKind.EVAL_RUN, Long.toString(run.id()), Hashes.of("eval run", Long.toString(run.id()),
                        suite.contentHash(), model.hash(), systemsHash.toString()), "eval run " + run.id()));
    }

    private static OutputRef adapter(StepContext ctx, String label, String ref) {
        OutputRef o = ctx.resolve(ref);
        if (o.kind() != OutputKind.ADAPTER) {
            throw new StepFailedException(ctx.field("systems") + "." + label + ": " + ref + " is a "
                    + o.kind().name().toLowerCase(Locale.ROOT) + ", not an adapter");
        }
        return o;
    }

    private static SuiteRecord versionSuite(StepContext ctx, EvalService service, OutputRef version) {
        if (version.kind() != OutputKind.DATASET_VERSION) {
            throw new StepFailedException(ctx.field("dataset") + ": expects a frozen version (a freeze step's version),"
                    + " got a " + version.kind().name().toLowerCase(Locale.ROOT));
        }
        String name = version.ref().substring(0, version.ref().lastIndexOf('@'));
        DatasetStore ds = new DatasetStore(ctx.workspace());
        DatasetInfo info = ds.findByName(name).orElseThrow(() -> new StepFailedException(ctx.field("dataset")
                + ": no dataset named " + name));
        DatasetVersion v = ds.version(info.id(), version.hash()).orElseThrow(() -> new StepFailedException(
                ctx.field("dataset") + ": dataset " + name + " has no version " + version.hash()));
        List<Metric> metrics = ctx.texts("metrics").stream().map(Metric::of).toList();
        EvalSuite suite = VersionSuites.of(ds, name, v, ctx.pipeline().name() + "-" + name,
                metrics.isEmpty() ? List.of(Metric.EXACT_MATCH) : metrics, ctx.integer("max_items", Integer.MAX_VALUE));
        return service.save(suite);
    }

    /** Logs each system's progress at about every quarter. */
    private record Progress(StepContext ctx) implements EvalListener {
        @Override
        public void onProgress(String system, int done, int total) {
            int every = Math.max(1, total / 4);
            if (done % every == 0 || done == total) {
                ctx.log(system + ": " + done + "/" + total);
            }
        }
    }
}
