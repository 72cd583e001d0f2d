package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.pipelines.spec.Refs;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.util.Optional;

/**
 * "The current best" of a pipeline, for an eval system given as {@code best}: the adapter that the newest
 * succeeded run of the same pipeline made at the same reference as this eval's candidate (its first system
 * given as {@code ${step.adapter}}), if that adapter still exists. A run succeeds only past its gate (and
 * approval), so this is the last adapter that passed.
 */
final class BestAdapter {

    private BestAdapter() {
    }

    static Optional<OutputRef> find(StepContext ctx) {
        Optional<Refs.StepRef> candidate = ctx.systems("systems").values().stream().map(Refs::stepRef)
                .flatMap(Optional::stream).findFirst();
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        for (PipelineRunRecord r : ctx.store().runs(ctx.pipeline().name())) {
            if (r.id() == ctx.runId() || r.status() != PipelineRunStatus.SUCCEEDED) {
                continue;
            }
            Optional<OutputRef> a = ctx.store().steps(r.id()).stream().filter(s -> s.name().equals(candidate.get().step()))
                    .findFirst().flatMap((StepRecord s) -> s.output(candidate.get().output()))
                    .filter(o -> o.kind() == OutputKind.ADAPTER && OutputChecks.exists(ctx.workspace(), o));
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }
}
