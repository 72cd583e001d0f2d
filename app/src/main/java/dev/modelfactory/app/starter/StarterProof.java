package dev.modelfactory.app.starter;

import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.ExactMatch;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.run.RunOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * "Train an adapter, then compare it with the base": trains a LoRA adapter on a dataset's latest version
 * and scores base and adapter by greedy exact match on that version's TEST split (rows whose contributor
 * allows EVAL), which training never reads.
 */
public final class StarterProof {

    /** Accuracies on the test split, and the run. */
    public record Result(long runId, String dataset, int testRows, double baseAccuracy, double adapterAccuracy,
            double finalLoss, double evalLoss, double trainSeconds, double tokensPerSecond, List<String> baseAnswers,
            List<String> adapterAnswers) {
    }

    private StarterProof() {
    }

    public static Result run(Workspace ws, String model, String dataset, TrainingConfig config, int maxTestRows,
            RunListener listener) throws InterruptedException {
        TrainingService service = new TrainingService(ws);
        TrainingOutcome o = service.start(TrainingRequest.of(model, DatasetRef.parse(dataset), config), listener).await();
        if (o.outcome() != RunOutcome.COMPLETED) {
            throw new IllegalStateException("training run " + o.runId() + " ended " + o.outcome() + ": " + o.message());
        }
        List<RowConversions.EvalItem> items = testItems(new DatasetStore(ws), dataset, maxTestRows);
        ModelRecord m = ws.models().find(model).orElseGet(() -> ws.models().find(
                service.runs().get(o.runId()).orElseThrow().spec().baseModel()).orElseThrow());
        PeftAdapter adapter = PeftAdapter.load(o.adapterPath().orElseThrow());
        try (ModelFiles files = ModelFiles.open(m.location())) {
            int maxTokens = 48;
            ExactMatch.Result base = ExactMatch.evaluate(files, null, items, Backends.best(), maxTokens);
            ExactMatch.Result tuned = ExactMatch.evaluate(files, adapter, items, Backends.best(), maxTokens);
            return new Result(o.runId(), dataset, items.size(), base.accuracy(), tuned.accuracy(), o.finalLoss(),
                    o.evalLoss(), o.seconds(), o.tokensPerSecond(), base.answers(), tuned.answers());
        }
    }

    /** The latest version's TEST rows that allow EVAL, as prompts and expected answers. */
    public static List<RowConversions.EvalItem> testItems(DatasetStore store, String dataset, int max) {
        var info = store.findByName(dataset).orElseThrow(() -> new IllegalArgumentException("no dataset " + dataset));
        DatasetVersion v = store.versions(info.id()).getLast();
        List<RowConversions.EvalItem> out = new ArrayList<>();
        for (long after = 0; out.size() < max; ) {
            List<DatasetRow> page = store.versionRowsAfter(v, Split.TEST, after, 1000);
            for (DatasetRow r : page) {
                if (r.allowedUses().contains(Use.EVAL) && out.size() < max) {
                    RowConversions.toEval(r.content()).ifPresent(out::add);
                }
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.getLast().id();
        }
        return out;
    }
}
