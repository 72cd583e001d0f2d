package dev.modelfactory.app.pipelines.run;

import dev.modelfactory.app.pipelines.PipelineListener;
import dev.modelfactory.app.pipelines.spec.PipelineSpec;
import dev.modelfactory.app.pipelines.spec.StepSpec;
import dev.modelfactory.app.pipelines.steps.OutputChecks;
import dev.modelfactory.app.pipelines.steps.Step;
import dev.modelfactory.app.pipelines.steps.StepContext;
import dev.modelfactory.app.pipelines.steps.StepFailedException;
import dev.modelfactory.app.pipelines.steps.StepResult;
import dev.modelfactory.app.pipelines.steps.Steps;
import dev.modelfactory.app.starter.StarterLocation;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.NewPipelineRun;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.PipelineStore;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import dev.modelfactory.ledger.store.pipeline.StepStatus;
import dev.modelfactory.ledger.wallet.WalletService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline run: from its first step not yet done to the end, or to the first step that fails, is
 * cancelled or waits for approval. Every change is written to the store before the listener hears of it.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final Workspace workspace;
    private final PipelineStore store;
    private final PipelineSpec spec;
    private final Map<String, String> environment;
    private final Function<Workspace, WalletService> wallets;
    private final PipelineListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public PipelineRunner(Workspace workspace, PipelineStore store, PipelineSpec spec, Map<String, String> environment,
            Function<Workspace, WalletService> wallets, PipelineListener listener) {
        this.workspace = workspace;
        this.store = store;
        this.spec = spec;
        this.environment = environment;
        this.wallets = wallets;
        this.listener = listener;
    }

    /** The flag {@code cancel} sets; steps poll it at their safe points. */
    public AtomicBoolean cancelFlag() {
        return cancelled;
    }

    /** Stores a new run of the pipeline, every step PENDING. */
    public PipelineRunRecord create(RunTrigger trigger) {
        return store.start(new NewPipelineRun(spec.name(), spec.file().toString(), spec.text(), trigger,
                spec.steps().stream().map(s -> new NewPipelineRun.StepName(s.name(), s.kind().id())).toList()));
    }

    /** Marks a stored run RUNNING again before {@link #execute} continues it. */
    public void reopen(PipelineRunRecord run) {
        store.setRunStatus(run.id(), PipelineRunStatus.RUNNING, null);
    }

    /** Runs the steps not done yet; returns the run as stored when it stopped. */
    public PipelineRunRecord execute(long runId) {
        listener.onRunStarted(store.run(runId).orElseThrow());
        List<StepRecord> records = store.steps(runId);
        Map<String, List<OutputRef>> outputs = new HashMap<>();
        PipelineRunStatus status = PipelineRunStatus.SUCCEEDED;
        String message = "";
        for (StepSpec s : spec.steps()) {
            StepRecord rec = records.get(s.index());
            if (rec.status().done()) {
                outputs.put(s.name(), rec.outputs());
                continue;
            }
            if (cancelled.get()) {
                status = PipelineRunStatus.CANCELLED;
                message = "cancelled before step " + s.name();
                break;
            }
            Outcome o = step(runId, s, rec, outputs);
            if (o.status() == StepStatus.WAITING) {
                status = PipelineRunStatus.WAITING;
                message = "step " + s.name() + " waits for approval" + (o.message().isEmpty() ? "" : ": " + o.message());
                break;
            }
            if (o.status() == StepStatus.CANCELLED) {
                status = PipelineRunStatus.CANCELLED;
                message = "cancelled at step " + s.name();
                break;
            }
            if (o.status() == StepStatus.FAILED) {
                status = PipelineRunStatus.FAILED;
                message = "step " + s.name() + " failed: " + o.message();
                break;
            }
            outputs.put(s.name(), o.outputs());
        }
        store.setRunStatus(runId, status, message);
        PipelineRunRecord done = store.run(runId).orElseThrow();
        listener.onRunEnded(done);
        return done;
    }

    private record Outcome(StepStatus status, List<OutputRef> outputs, String message) {
    }

    private Outcome step(long runId, StepSpec s, StepRecord rec, Map<String, List<OutputRef>> earlier) {
        StepContext bare = new StepContext(new StepContext.Parts(workspace, spec, s, runId, Map.copyOf(earlier),
                variables(), environment, wallets, rec.decision(), line -> log(runId, s.index(), line),
                cancelled::get, store));
        Step impl = Steps.of(s.kind());
        InputsHash inputs;
        try {
            inputs = InputsHash.of(bare, impl.externalInputs(bare));
        } catch (StepFailedException | IllegalArgumentException e) {
            store.stepStarted(runId, s.index(), null, null);
            return ended(runId, s, StepStatus.FAILED, List.of(), e.getMessage());
        }
        StepContext ctx = bare.withInputsHash(inputs.hash());
        if (rec.decision().isEmpty()) {
            for (StepRecord earlierRun : store.reusable(spec.name(), s.name(), inputs.hash())) {
                if (earlierRun.runId() != runId && OutputChecks.allExist(workspace, earlierRun.outputs())) {
                    long from = earlierRun.reusedFrom().orElse(earlierRun.runId());
                    store.stepSkipped(runId, s.index(), inputs.hash(), inputs.json(), earlierRun.outputs(), from,
                            "inputs unchanged since run " + from + "; its outputs still exist");
                    listener.onStepEnded(runId, store.steps(runId).get(s.index()));
                    return new Outcome(StepStatus.SKIPPED, earlierRun.outputs(), "");
                }
            }
        }
        store.stepStarted(runId, s.index(), inputs.hash(), inputs.json());
        listener.onStepStarted(runId, store.steps(runId).get(s.index()));
        try {
            ctx.cancel().throwIfCancellationRequested();
            StepResult r = impl.run(ctx);
            if (r.waiting()) {
                return ended(runId, s, StepStatus.WAITING, List.of(), r.message());
            }
            return ended(runId, s, StepStatus.SUCCEEDED, r.outputs(), r.message());
        } catch (CancellationException e) {
            return ended(runId, s, StepStatus.CANCELLED, List.of(), "cancelled");
        } catch (StepFailedException e) {
            return ended(runId, s, StepStatus.FAILED, List.of(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended(runId, s, StepStatus.CANCELLED, List.of(), "interrupted");
        } catch (Exception | Error e) {
            LOG.warn("pipeline run {} step {} failed", runId, s.name(), e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ended(runId, s, StepStatus.FAILED, List.of(), why);
        }
    }

    private Outcome ended(long runId, StepSpec s, StepStatus status, List<OutputRef> outputs, String message) {
        if ((status == StepStatus.FAILED || status == StepStatus.CANCELLED) && !message.isEmpty()) {
            log(runId, s.index(), status.name().toLowerCase() + ": " + message);
        }
        store.stepEnded(runId, s.index(), status, outputs, message, null);
        listener.onStepEnded(runId, store.steps(runId).get(s.index()));
        return new Outcome(status, outputs, message);
    }

    private void log(long runId, int index, String line) {
        store.appendLog(runId, index, line);
        listener.onLog(runId, index, line);
    }

    private Map<String, Path> variables() {
        Map<String, Path> v = new HashMap<>();
        v.put("here", spec.file().getParent());
        v.put("workspace", workspace.root());
        StarterLocation.find().ifPresent(p -> v.put("starter", p));
        return v;
    }
}
