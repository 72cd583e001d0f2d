package dev.modelfactory.app.pipelines;

import dev.modelfactory.app.pipelines.run.PipelineRunner;
import dev.modelfactory.app.pipelines.spec.PipelineParser;
import dev.modelfactory.app.pipelines.spec.PipelineSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.Decision;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.PipelineStore;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import dev.modelfactory.ledger.store.pipeline.StepStatus;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Pipelines over one workspace, for the CLI and the studio alike: the pipeline files the workspace knows,
 * validation, runs (started by hand, by a schedule or a watched folder; one at a time, on the service's own
 * thread), their steps as stored, approval decisions, cancel and resume. Close it to stop its thread (a run
 * in progress is cancelled and ends CANCELLED, resumable).
 *
 * <p>Errors the user can fix come out as {@link PipelineValidationException} (a bad file: every problem with
 * file, line and field) or {@link IllegalArgumentException} / {@link IllegalStateException} (no such run, a
 * run not waiting, a run already running) with a message naming what is wrong.
 */
public final class PipelineService implements AutoCloseable {

    private final Workspace workspace;
    private final PipelineStore store;
    private final Map<String, String> environment;
    private final Function<Workspace, WalletService> wallets;
    private final ExecutorService executor;
    private final Map<Long, PipelineRunHandle> active = new ConcurrentHashMap<>();

    private PipelineService(Builder b) {
        this.workspace = b.workspace;
        this.store = new PipelineStore(workspace);
        this.environment = Map.copyOf(b.environment);
        this.wallets = b.wallets;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pipeline-runner");
            t.setDaemon(true);
            return t;
        });
    }

    /** The workspace's service: the process environment (for passphrase variables), the standard wallet. */
    public PipelineService(Workspace workspace) {
        this(builder(workspace));
    }

    public static Builder builder(Workspace workspace) {
        return new Builder(workspace);
    }

    public PipelineStore store() {
        return store;
    }

    // ---- pipeline files

    /** Every pipeline file the workspace knows (added or run), validated as it is now, with its last run. */
    public List<PipelineEntry> pipelines() {
        List<PipelineEntry> out = new ArrayList<>();
        for (Path f : store.files()) {
            boolean exists = Files.isRegularFile(f);
            Validation v = exists ? validate(f) : new Validation(f, baseName(f), "", List.of(), Optional.empty(),
                    Optional.empty(), List.of(new ValidationProblem(f.getFileName().toString(), 0, "", "no such file")));
            Optional<PipelineRunRecord> last = store.runs(v.name()).stream().findFirst();
            out.add(new PipelineEntry(f, exists, v, last));
        }
        return out;
    }

    /** Remembers a pipeline file (it then shows in {@link #pipelines()}); returns what validating it says. */
    public Validation add(Path file) {
        Validation v = validate(file);
        store.addFile(file);
        return v;
    }

    /** Forgets a pipeline file; its runs stay. */
    public void forget(Path file) {
        store.removeFile(file);
    }

    /** Checks a pipeline file against the schema; a file that cannot be read is one problem. */
    public Validation validate(Path file) {
        return parse(file).validation();
    }

    /** The pipeline a file holds, or every problem with it. */
    public PipelineSpec load(Path file) {
        PipelineParser.Parsed p = parse(file);
        return p.spec().orElseThrow(() -> new PipelineValidationException(p.validation().problems()));
    }

    private static PipelineParser.Parsed parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return failed(file, e);
        }
        return PipelineParser.parse(file, text);
    }

    private static PipelineParser.Parsed failed(Path file, IOException e) {
        Validation v = new Validation(file.toAbsolutePath().normalize(), baseName(file), "", List.of(), Optional.empty(),
                Optional.empty(), List.of(new ValidationProblem(file.getFileName().toString(), 0, "", "cannot read: "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()))));
        return new PipelineParser.Parsed(v, Optional.empty());
    }

    // ---- runs

    /**
     * Validates {@code file}, remembers it, stores a new run and starts it on the service's thread (after any
     * run already queued). Steps whose inputs are unchanged since an earlier run and whose outputs still exist
     * are skipped.
     *
     * @throws PipelineValidationException if the file has problems (nothing is stored)
     */
    public PipelineRunHandle start(Path file, RunTrigger trigger, PipelineListener listener) {
        PipelineSpec spec = load(file);
        store.addFile(file);
        PipelineRunner runner = runner(spec, listener);
        PipelineRunRecord run = runner.create(trigger);
        return submit(run.id(), runner);
    }

    /**
     * Continues a FAILED, CANCELLED, INTERRUPTED or WAITING run from its first step that did not succeed,
     * replaying the pipeline text stored with the run. A WAITING run continues only once its approve step was
     * decided (approved: on to the next step; rejected: the run fails with the reason).
     *
     * @throws IllegalArgumentException if there is no such run
     * @throws IllegalStateException    if it succeeded, is running, or waits for a decision not made yet
     */
    public PipelineRunHandle resume(long runId, PipelineListener listener) {
        PipelineRunRecord run = requireRun(runId);
        if (active.containsKey(runId) || run.status() == PipelineRunStatus.RUNNING) {
            throw new IllegalStateException("pipeline run " + runId + " is running");
        }
        if (!run.status().resumable()) {
            throw new IllegalStateException("pipeline run " + runId + " " + run.status().name().toLowerCase()
                    + ": nothing to resume");
        }
        if (run.status() == PipelineRunStatus.WAITING && waitingStep(runId).flatMap(StepRecord::decision).isEmpty()) {
            throw new IllegalStateException("pipeline run " + runId + " waits for approval at step '"
                    + waitingStep(runId).map(StepRecord::name).orElse("?") + "': approve or reject it first");
        }
        PipelineSpec spec = PipelineParser.parse(Path.of(run.file()), run.pipelineText()).spec()
                .orElseThrow(() -> new IllegalStateException("pipeline run " + runId + ": its stored pipeline no longer"
                        + " validates with this version"));
        PipelineRunner runner = runner(spec, listener);
        runner.reopen(run);
        return submit(runId, runner);
    }

    /** Approves the step a WAITING run waits at; {@link #resume} then continues it. */
    public StepRecord approve(long runId, String actor, String reason) {
        return decide(runId, new Decision(true, actor, reason, Instant.now()));
    }

    /** Rejects the step a WAITING run waits at; the run ends FAILED with the reason. */
    public StepRecord reject(long runId, String actor, String reason) {
        StepRecord s = decide(runId, new Decision(false, actor, reason, Instant.now()));
        String why = "rejected by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
        store.stepEnded(runId, s.index(), StepStatus.FAILED, List.of(), why, null);
        store.setRunStatus(runId, PipelineRunStatus.FAILED, "step " + s.name() + " " + why);
        return store.steps(runId).get(s.index());
    }

    private StepRecord decide(long runId, Decision d) {
        PipelineRunRecord run = requireRun(runId);
        StepRecord s = waitingStep(runId).filter(x -> run.status() == PipelineRunStatus.WAITING).orElseThrow(() ->
                new IllegalStateException("pipeline run " + runId + " is " + run.status().name().toLowerCase()
                        + ", not waiting for approval"));
        if (s.decision().isPresent()) {
            throw new IllegalStateException("pipeline run " + runId + ": step " + s.name() + " was already "
                    + (s.decision().get().approved() ? "approved" : "rejected") + " by " + s.decision().get().actor());
        }
        store.decide(runId, s.index(), d);
        return store.steps(runId).get(s.index());
    }

    private Optional<StepRecord> waitingStep(long runId) {
        return store.steps(runId).stream().filter(s -> s.status() == StepStatus.WAITING).findFirst();
    }

    /** Asks a running (or queued) run to stop; false if it is not running in this process. */
    public boolean cancel(long runId) {
        PipelineRunHandle h = active.get(runId);
        if (h == null) {
            return false;
        }
        h.cancel();
        return true;
    }

    /** The handle of a run this service is running or has queued. */
    public Optional<PipelineRunHandle> active(long runId) {
        return Optional.ofNullable(active.get(runId));
    }

    /** Every run, newest first. */
    public List<PipelineRunRecord> runs() {
        return store.runs(null);
    }

    /** The runs of one pipeline (by its name), newest first. */
    public List<PipelineRunRecord> runs(String pipelineName) {
        return store.runs(Objects.requireNonNull(pipelineName, "pipelineName"));
    }

    public Optional<PipelineRunRecord> run(long runId) {
        return store.run(runId);
    }

    /** A run's steps in pipeline order: status, inputs hash, outputs, log, timings, decision. */
    public List<StepRecord> steps(long runId) {
        requireRun(runId);
        return store.steps(runId);
    }

    /** Marks runs a dead process left RUNNING as INTERRUPTED; call once when the workspace was opened. */
    public int recoverInterrupted() {
        return store.recoverInterrupted();
    }

    private PipelineRunRecord requireRun(long runId) {
        return store.run(runId).orElseThrow(() -> new IllegalArgumentException("no pipeline run " + runId
                + " (see: pipeline runs)"));
    }

    private PipelineRunner runner(PipelineSpec spec, PipelineListener listener) {
        return new PipelineRunner(workspace, store, spec, environment, wallets, listener);
    }

    private PipelineRunHandle submit(long runId, PipelineRunner runner) {
        PipelineRunHandle h = new PipelineRunHandle(runId, runner.cancelFlag(), new java.util.concurrent.CompletableFuture<>());
        active.put(runId, h);
        executor.execute(() -> {
            // The run leaves `active` before its completion is signalled: whoever waited on it may resume it
            // (or start another) at once and must not find it still "running".
            PipelineRunRecord result;
            try {
                result = runner.execute(runId);
            } catch (Throwable t) {
                active.remove(runId);
                h.completion().completeExceptionally(t);
                return;
            }
            active.remove(runId);
            h.completion().complete(result);
        });
        return h;
    }

    /** Cancels what runs and stops the thread (waits up to a minute for the running step to stop). */
    @Override
    public void close() {
        active.values().forEach(PipelineRunHandle::cancel);
        executor.shutdown();
        try {
            executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Builds a {@link PipelineService}. */
    public static final class Builder {
        private final Workspace workspace;
        private Map<String, String> environment = System.getenv();
        private Function<Workspace, WalletService> wallets = ws -> WalletService.builder(new WalletStore(ws))
                .kdf(ScryptParams.STANDARD).build();

        private Builder(Workspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        /** Where attest and anchor steps read a passphrase variable (default: the process environment). */
        public Builder environment(Map<String, String> env) {
            this.environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /** How the workspace's wallet is opened (tests use a light KDF). */
        public Builder wallets(Function<Workspace, WalletService> w) {
            this.wallets = Objects.requireNonNull(w, "wallets");
            return this;
        }

        public PipelineService build() {
            return new PipelineService(this);
        }
    }
}
