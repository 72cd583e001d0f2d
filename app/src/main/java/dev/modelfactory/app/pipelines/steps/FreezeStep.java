package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.util.List;

/**
 * {@code freeze}: assigns the split ({@code split: [train, validation, test]}, {@code seed}) and freezes a
 * version. Output {@code version}: the version, hashed by its Merkle root (equal rows, equal root).
 */
final class FreezeStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        OutputRef in = ctx.requiredInput("dataset");
        DatasetStore ds = new DatasetStore(ctx.workspace());
        DatasetInfo info = ds.findByName(in.ref()).orElseThrow(() -> new StepFailedException(ctx.field("dataset")
                + ": no dataset named " + in.ref()));
        List<Double> shares = ctx.numbers("split");
        SplitSpec split = shares.isEmpty() ? null : new SplitSpec(shares.get(0), shares.get(1), shares.get(2),
                ctx.integer("seed", 7));
        DatasetVersion v = ds.freeze(info.id(), new FreezeOptions(ctx.text("label").orElse("pipeline "
                + ctx.pipeline().name() + " run " + ctx.runId()), split), (done, total) -> { }, ctx.cancel());
        ctx.log("froze " + in.ref() + "@" + v.shortRoot() + ": " + v.rowCount() + " rows");
        return StepResult.done(v.rowCount() + " rows", new OutputRef("version", OutputKind.DATASET_VERSION,
                in.ref() + "@" + v.root(), v.root(), in.ref() + "@" + v.shortRoot()));
    }
}
