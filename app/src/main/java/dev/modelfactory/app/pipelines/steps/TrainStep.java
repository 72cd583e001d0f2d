package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.RunHandle;
import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.run.RunOutcome;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code train}: a LoRA (or full) fine-tune of {@code model} on the frozen {@code dataset} version through the
 * training service, as {@code train} runs it (rows allowed for training only, test split held out, run and
 * curves recorded). Outputs {@code run} (the training run) and {@code adapter} (its PEFT folder, hashed by
 * content).
 */
final class TrainStep implements Step {

    @Override
    public Map<String, Object> externalInputs(StepContext ctx) {
        return Map.of("model", ModelRefs.hash(ctx, "model"));
    }

    @Override
    public StepResult run(StepContext ctx) throws InterruptedException {
        OutputRef version = ctx.requiredInput("dataset");
        TrainingConfig config = TrainConfigs.of(ctx);
        TrainingRequest request;
        try {
            request = TrainingRequest.of(ModelRefs.arg(ctx, "model"), DatasetRef.parse(version.ref()), config)
                    .withName("pipeline " + ctx.pipeline().name() + " run " + ctx.runId());
            int threads = ctx.integer("threads", 0);
            if (threads > 0) {
                request = request.withThreads(threads);
            }
        } catch (TrainingInputException e) {
            throw new StepFailedException(ctx.step().path() + ": " + e.getMessage(), e);
        }
        TrainingService service = new TrainingService(ctx.workspace());
        RunHandle handle;
        try {
            handle = service.start(request, new Progress(ctx));
        } catch (TrainingInputException e) {
            throw new StepFailedException(ctx.step().path() + ": " + e.getMessage(), e);
        }
        ctx.log("training run " + handle.runId() + ": " + handle.totalSteps() + " steps on " + version.label());
        TrainingOutcome o = null;
        while (o == null) {
            if (ctx.cancel().isCancellationRequested()) {
                handle.cancel();
            }
            try {
                o = handle.completion().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the cancel flag again
            } catch (java.util.concurrent.ExecutionException e) {
                throw new StepFailedException("training run " + handle.runId() + " failed: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        if (o.outcome() != RunOutcome.COMPLETED || o.adapterHash().isEmpty()) {
            if (ctx.cancel().isCancellationRequested()) {
                throw new CancellationException("training run " + o.runId() + " cancelled");
            }
            throw new StepFailedException("training run " + o.runId() + " ended " + o.outcome() + ": " + o.message());
        }
        String summary = String.format(Locale.ROOT, "run %d: %d steps, loss %.4f, %.0f s", o.runId(), o.steps(),
                o.finalLoss(), o.seconds());
        ctx.log(summary);
        String adapter = o.adapterHash().get();
        return StepResult.done(summary,
                new OutputRef("run", OutputKind.TRAINING_RUN, Long.toString(o.runId()), Hashes.of("training run",
                        Long.toString(o.runId()), adapter), "run " + o.runId()),
                new OutputRef("adapter", OutputKind.ADAPTER, o.adapterPath().orElseThrow().toString(), adapter,
                        "adapter " + adapter.substring(0, 12)));
    }

    /** Logs about ten progress lines per run. */
    private record Progress(StepContext ctx) implements RunListener {
        @Override
        public void onStep(long runId, StepMetrics m, int totalSteps) {
            int every = Math.max(1, totalSteps / 10);
            if (m.step() % every == 0 || m.step() == totalSteps) {
                ctx.log(String.format(Locale.ROOT, "step %d/%d loss %.4f%s", m.step(), totalSteps, m.loss(),
                        m.hasEvalLoss() ? String.format(Locale.ROOT, " eval %.4f", m.evalLoss()) : ""));
            }
        }
    }
}
