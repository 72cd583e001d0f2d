package dev.modelfactory.app.pipelines;

import dev.modelfactory.app.pipelines.spec.PipelineParser;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.studio.pipelines.OutputLink;
import dev.modelfactory.studio.pipelines.PipelineInfo;
import dev.modelfactory.studio.pipelines.PipelineProblem;
import dev.modelfactory.studio.pipelines.PipelinesBackend;
import dev.modelfactory.studio.pipelines.RunDetail;
import dev.modelfactory.studio.pipelines.RunListener;
import dev.modelfactory.studio.pipelines.RunStatus;
import dev.modelfactory.studio.pipelines.RunSummary;
import dev.modelfactory.studio.pipelines.StepRun;
import dev.modelfactory.studio.pipelines.StepSpec;
import dev.modelfactory.studio.pipelines.StepStatus;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Pipelines page's backend over a {@link PipelineService}: pipelines by name, runs and their steps as the
 * studio's records (the stored pipeline text gives each run's step graph), live news from the service's
 * listener, and each call waiting for its run to stop while passing the page's cancel on. An approval is the
 * service's approve then resume; a rejection is final on the page (the service marks the run FAILED; resuming
 * it would only fail again at the rejected step).
 */
public final class WorkspacePipelinesBackend implements PipelinesBackend, AutoCloseable {

    private static final long POLL_MS = 100;

    private final PipelineService service;
    private final String actor;
    private final Map<Long, List<String>> stepNames = new ConcurrentHashMap<>();

    /** Over {@code service}; decisions are recorded as made by {@code actor}. */
    public WorkspacePipelinesBackend(PipelineService service, String actor) {
        this.service = Objects.requireNonNull(service, "service");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** Over the workspace's service, decisions by the OS user; runs a dead process left RUNNING become INTERRUPTED. */
    public static WorkspacePipelinesBackend of(dev.modelfactory.ledger.store.Workspace workspace) {
        PipelineService service = new PipelineService(workspace);
        service.recoverInterrupted();
        return new WorkspacePipelinesBackend(service, System.getProperty("user.name", "studio"));
    }

    /** Cancels the runs in progress and waits for them to stop (their steps record the cancel). */
    @Override
    public void close() {
        service.close();
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return service.pipelines().stream().map(e -> info(e.validation(), e.file())).toList();
    }

    @Override
    public PipelineInfo add(Path file) {
        return info(service.add(file), file);
    }

    @Override
    public PipelineInfo validate(String pipeline) {
        Path file = fileOf(pipeline);
        return info(service.validate(file), file);
    }

    @Override
    public List<RunSummary> runs(String pipeline) {
        return service.runs(pipeline).stream().map(r -> summary(r, service.steps(r.id()))).toList();
    }

    @Override
    public RunDetail run(long runId) {
        PipelineRunRecord run = service.run(runId).orElseThrow(() -> new IllegalArgumentException("no pipeline run "
                + runId));
        List<StepRecord> steps = service.steps(runId);
        stepNames.put(runId, steps.stream().map(StepRecord::name).toList());
        Map<String, StepSpec> specs = new ConcurrentHashMap<>();
        PipelineParser.parse(Path.of(run.file()), run.pipelineText()).validation().steps()
                .forEach(o -> specs.put(o.name(), new StepSpec(o.name(), o.kind(), o.dependsOn(), o.outputs())));
        List<StepRun> out = steps.stream().map(s -> step(s, specs.getOrDefault(s.name(),
                new StepSpec(s.name(), s.kind(), List.of(), List.of())))).toList();
        RunSummary summary = summary(run, steps);
        String reason = run.message() == null || run.message().isBlank() || run.status() == PipelineRunStatus.WAITING
                ? null : run.message();
        return new RunDetail(summary, reason, out);
    }

    @Override
    public RunDetail start(String pipeline, RunListener listener, CancellationToken cancel) throws InterruptedIOException {
        return await(service.start(fileOf(pipeline), RunTrigger.MANUAL, news(listener)), cancel);
    }

    @Override
    public RunDetail resume(long runId, RunListener listener, CancellationToken cancel) throws InterruptedIOException {
        return await(service.resume(runId, news(listener)), cancel);
    }

    @Override
    public RunDetail approve(long runId, String stepId, RunListener listener, CancellationToken cancel)
            throws InterruptedIOException {
        requireWaitingAt(runId, stepId);
        boolean approvedElsewhere = service.steps(runId).stream().anyMatch(s -> s.name().equals(stepId)
                && s.decision().map(d -> d.approved()).orElse(false)); // e.g. `pipeline approve` without resume
        if (!approvedElsewhere) {
            service.approve(runId, actor, "");
        }
        return resume(runId, listener, cancel);
    }

    @Override
    public RunDetail reject(long runId, String stepId, String reason) {
        requireWaitingAt(runId, stepId);
        service.reject(runId, actor, reason);
        return run(runId);
    }

    // ---- mapping ----

    private Path fileOf(String pipeline) {
        return service.pipelines().stream().filter(e -> e.validation().name().equals(pipeline)).findFirst()
                .map(PipelineEntry::file).orElseThrow(() -> new IllegalArgumentException("no pipeline named "
                        + pipeline + " in this workspace (add its file first)"));
    }

    private void requireWaitingAt(long runId, String stepId) {
        boolean waiting = service.steps(runId).stream().anyMatch(s -> s.name().equals(stepId)
                && s.status() == dev.modelfactory.ledger.store.pipeline.StepStatus.WAITING);
        if (!waiting) {
            throw new IllegalStateException("pipeline run " + runId + " does not wait at step " + stepId);
        }
    }

    private static PipelineInfo info(Validation v, Path file) {
        return new PipelineInfo(v.name(), file.toString(), v.steps().stream()
                .map(o -> new StepSpec(o.name(), o.kind(), o.dependsOn(), o.outputs())).toList(),
                v.problems().stream().map(p -> new PipelineProblem(p.file(), p.line(), p.field(), p.message())).toList());
    }

    private static RunSummary summary(PipelineRunRecord r, List<StepRecord> steps) {
        RunStatus status = rejected(steps) ? RunStatus.REJECTED : RunStatus.valueOf(r.status().name());
        return new RunSummary(r.id(), r.pipelineName(), status, r.startedAt(), r.duration(),
                r.trigger().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean rejected(List<StepRecord> steps) {
        return steps.stream().anyMatch(WorkspacePipelinesBackend::rejected);
    }

    private static boolean rejected(StepRecord s) {
        return s.status() == dev.modelfactory.ledger.store.pipeline.StepStatus.FAILED
                && s.decision().map(d -> !d.approved()).orElse(false);
    }

    private static StepRun step(StepRecord s, StepSpec spec) {
        StepStatus status = rejected(s) ? StepStatus.REJECTED : StepStatus.valueOf(s.status().name());
        Instant started = s.startedAt().orElse(null);
        Duration took = s.duration().orElseGet(() -> started != null && status == StepStatus.RUNNING
                ? Duration.between(started, Instant.now()) : Duration.ZERO);
        String message = s.message() == null ? "" : s.message();
        boolean bad = status == StepStatus.FAILED || status == StepStatus.REJECTED || status == StepStatus.CANCELLED;
        String log = s.log() == null ? "" : s.log();
        if (!bad && log.isBlank() && !message.isBlank()) {
            log = message; // a skipped step says why it was skipped
        }
        StepRun.Builder b = StepRun.builder(spec).status(status).started(started).ended(s.endedAt().orElse(null))
                .duration(took).log(log).error(bad && !message.isBlank() ? message : null);
        if (s.inputsHash() != null && !s.inputsHash().isBlank()) {
            b.inputHash("inputs", s.inputsHash());
        }
        for (OutputRef o : s.outputs()) {
            b.outputHash(o.name(), o.hash());
            link(o).ifPresent(b::link);
        }
        return b.build();
    }

    /** Where a stored output opens: datasets, training and benchmark runs, signed records; exports as paths. */
    static Optional<OutputLink> link(OutputRef o) {
        return switch (o.kind()) {
            case DATASET -> Optional.of(new OutputLink(OutputLink.Kind.DATASET, o.ref(), "dataset " + o.label()));
            case DATASET_VERSION -> Optional.of(new OutputLink(OutputLink.Kind.DATASET,
                    o.ref().contains("@") ? o.ref().substring(0, o.ref().indexOf('@')) : o.ref(), "dataset " + o.label()));
            case TRAINING_RUN -> Optional.of(new OutputLink(OutputLink.Kind.TRAINING_RUN, o.ref(), "training " + o.label()));
            case EVAL_RUN -> Optional.of(new OutputLink(OutputLink.Kind.BENCHMARK_RUN, o.ref(), "benchmark " + o.label()));
            case ATTESTATION, ANCHOR -> Optional.of(new OutputLink(OutputLink.Kind.ATTRIBUTION, o.ref(), o.label()));
            case ADAPTER, EXPORT -> Optional.of(new OutputLink(OutputLink.Kind.FILE, o.ref(), o.ref()));
            case GATE, APPROVAL -> Optional.empty();
        };
    }

    // ---- driving ----

    /** The service's events as the page's news: every change re-reads the run (small), log lines pass through. */
    private PipelineListener news(RunListener listener) {
        return new PipelineListener() {
            @Override
            public void onRunStarted(PipelineRunRecord run) {
                listener.updated(run(run.id()));
            }

            @Override
            public void onStepStarted(long runId, StepRecord step) {
                listener.updated(run(runId));
            }

            @Override
            public void onLog(long runId, int stepIndex, String line) {
                List<String> names = stepNames.get(runId);
                if (names != null && stepIndex < names.size()) {
                    listener.logged(runId, names.get(stepIndex), line);
                }
            }

            @Override
            public void onStepEnded(long runId, StepRecord step) {
                listener.updated(run(runId));
            }

            @Override
            public void onRunEnded(PipelineRunRecord run) {
                listener.updated(run(run.id()));
            }
        };
    }

    /** Waits for the run to stop, passing a cancel on; returns the run as stored then. */
    private RunDetail await(PipelineRunHandle handle, CancellationToken cancel) throws InterruptedIOException {
        while (true) {
            if (cancel.isCancellationRequested()) {
                handle.cancel();
            }
            try {
                return run(handle.completion().get(POLL_MS, TimeUnit.MILLISECONDS).id());
            } catch (TimeoutException stillRunning) {
                // poll the token again
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pipeline run " + handle.runId() + " ran");
            } catch (ExecutionException e) {
                throw new IllegalStateException("pipeline run " + handle.runId() + " failed unexpectedly: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
