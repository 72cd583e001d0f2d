package dev.modelfactory.studio.pipelines;

import dev.modelfactory.ledger.task.CancellationToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory pipeline runner for the page tests: runs the steps in order, each making its outputs' hashes
 * from its inputs' hashes, logging two lines; stops at an {@code approve} step (WAITING), at a failing step
 * (FAILED, with its error) or when cancelled; approve / reject / resume go on from there. Steps named in
 * {@link #failing} fail; a step named {@link #holdAt} blocks on {@link #gate} until it opens or the call is
 * cancelled. Records the threads it was called on.
 */
final class FakePipelinesBackend implements PipelinesBackend {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    final Map<String, PipelineInfo> pipelines = new LinkedHashMap<>();
    final Map<Long, RunDetail> runs = new LinkedHashMap<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final List<String> rejections = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> failing = new ConcurrentHashMap<>();
    volatile String holdAt;
    volatile CountDownLatch gate;
    final CountDownLatch reachedHold = new CountDownLatch(1);
    private long nextRun = 1;

    FakePipelinesBackend() {
        pipelines.put("release", new PipelineInfo("release", "/home/ada/pipelines/release.yaml", List.of(
                new StepSpec("import-chats", "import", List.of(), List.of("raw")),
                new StepSpec("quality", "check", List.of("raw"), List.of("checked")),
                new StepSpec("snapshot", "freeze", List.of("checked"), List.of("dataset")),
                new StepSpec("tune", "train", List.of("dataset"), List.of("adapter")),
                new StepSpec("score", "eval", List.of("adapter", "dataset"), List.of("scores")),
                new StepSpec("review", "approve", List.of("scores"), List.of()),
                new StepSpec("sign", "attest", List.of("dataset", "adapter", "scores"), List.of("records")),
                new StepSpec("bundle", "export", List.of("adapter"), List.of("peft"))), List.of()));
        pipelines.put("broken", new PipelineInfo("broken", "/home/ada/pipelines/broken.yaml", List.of(), List.of(
                new PipelineProblem("broken.yaml", 7, "steps[1].kind", "unknown step kind 'trian' (one of import, "
                        + "check, freeze, train, eval, gate, approve, attest, anchor, export)"),
                new PipelineProblem("broken.yaml", 12, "steps[2].inputs[0]", "'adapter' is made by no earlier step"))));
    }

    @Override
    public synchronized List<PipelineInfo> pipelines() {
        threads.add(Thread.currentThread().getName());
        return List.copyOf(pipelines.values());
    }

    @Override
    public synchronized PipelineInfo add(Path file) throws IOException {
        threads.add(Thread.currentThread().getName());
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        PipelineInfo info = new PipelineInfo(name, file.toString(), List.of(), List.of(new PipelineProblem(
                file.getFileName().toString(), 3, "steps", "a pipeline needs at least one step")));
        pipelines.put(name, info);
        return info;
    }

    @Override
    public synchronized PipelineInfo validate(String pipeline) {
        return pipelines.get(pipeline);
    }

    @Override
    public synchronized List<RunSummary> runs(String pipeline) {
        threads.add(Thread.currentThread().getName());
        return runs.values().stream().filter(r -> r.summary().pipeline().equals(pipeline))
                .map(RunDetail::summary).sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    @Override
    public synchronized RunDetail run(long runId) {
        return runs.get(runId);
    }

    @Override
    public RunDetail start(String pipeline, RunListener listener, CancellationToken cancel) throws IOException {
        threads.add(Thread.currentThread().getName());
        RunDetail run;
        synchronized (this) {
            long id = nextRun++;
            run = new RunDetail(new RunSummary(id, pipeline, RunStatus.RUNNING, T0.plusSeconds(60 * id), Duration.ZERO,
                    "studio"), null, pipelines.get(pipeline).steps().stream().map(s -> StepRun.builder(s).build())
                    .toList());
            runs.put(id, run);
        }
        listener.updated(run);
        return drive(run.id(), 0, listener, cancel);
    }

    @Override
    public RunDetail resume(long runId, RunListener listener, CancellationToken cancel) {
        threads.add(Thread.currentThread().getName());
        RunDetail run = run(runId);
        int from = indexOf(run, s -> s.status() == StepStatus.FAILED || s.status() == StepStatus.CANCELLED);
        return drive(runId, from, listener, cancel);
    }

    @Override
    public RunDetail approve(long runId, String stepId, RunListener listener, CancellationToken cancel) {
        threads.add(Thread.currentThread().getName());
        RunDetail run = run(runId);
        int at = indexOf(run, s -> s.id().equals(stepId) && s.awaitsApproval());
        StepRun step = run.steps().get(at);
        put(runId, at, step.toBuilder().status(StepStatus.SUCCEEDED).ended(step.started().plusSeconds(30))
                .log(step.log() + "approved by ada\n").build(), RunStatus.RUNNING, null);
        listener.logged(runId, stepId, "approved by ada");
        return drive(runId, at + 1, listener, cancel);
    }

    @Override
    public synchronized RunDetail reject(long runId, String stepId, String reason) {
        threads.add(Thread.currentThread().getName());
        rejections.add(stepId + ": " + reason);
        RunDetail run = run(runId);
        int at = indexOf(run, s -> s.id().equals(stepId) && s.awaitsApproval());
        StepRun step = run.steps().get(at);
        return put(runId, at, step.toBuilder().status(StepStatus.REJECTED).error("rejected: " + reason)
                .log(step.log() + "rejected by ada: " + reason + "\n").build(), RunStatus.REJECTED, "rejected: " + reason);
    }

    private RunDetail drive(long runId, int from, RunListener listener, CancellationToken cancel) {
        RunDetail run = run(runId);
        for (int i = from; i < run.steps().size(); i++) {
            StepRun step = run.steps().get(i);
            Instant started = run.summary().started().plusSeconds(10L * i);
            StepRun.Builder b = StepRun.builder(step.spec()).status(StepStatus.RUNNING).started(started);
            step.spec().inputs().forEach(in -> b.inputHash(in, hash(runId + in)));
            run = put(runId, i, b.build(), RunStatus.RUNNING, null);
            listener.updated(run);
            String line = step.kind() + " " + step.id() + ": reading " + String.join(", ", step.spec().inputs());
            listener.logged(runId, step.id(), line);
            b.log(line + "\n");
            if (step.id().equals(holdAt)) {
                reachedHold.countDown();
                if (!await(cancel)) {
                    run = put(runId, i, b.status(StepStatus.CANCELLED).build(), RunStatus.CANCELLED, "cancelled");
                    listener.updated(run);
                    return run;
                }
            }
            if (step.kind().equals("approve")) {
                run = put(runId, i, b.status(StepStatus.WAITING).log(line + "\nwaiting for a person\n").build(),
                        RunStatus.WAITING, null);
                listener.updated(run);
                return run;
            }
            Duration took = Duration.ofMillis(1500L * (i + 1));
            b.ended(started.plus(took)).duration(took);
            String error = failing.get(step.id());
            if (error != null) {
                run = put(runId, i, b.status(StepStatus.FAILED).error(error).log(line + "\n" + error + "\n").build(),
                        RunStatus.FAILED, step.id() + ": " + error);
                listener.updated(run);
                return run;
            }
            step.spec().outputs().forEach(out -> b.outputHash(out, hash(runId + out)));
            links(step, runId).forEach(b::link);
            run = put(runId, i, b.status(StepStatus.SUCCEEDED).log(line + "\nwrote " + String.join(", ",
                    step.spec().outputs()) + "\n").build(), RunStatus.RUNNING, null);
            listener.updated(run);
        }
        run = put(runId, -1, null, RunStatus.SUCCEEDED, null);
        listener.updated(run);
        return run;
    }

    private static List<OutputLink> links(StepRun step, long runId) {
        return switch (step.kind()) {
            case "freeze" -> List.of(new OutputLink(OutputLink.Kind.DATASET, "support-chats", "dataset support-chats v2"));
            case "train" -> List.of(new OutputLink(OutputLink.Kind.TRAINING_RUN, "7", "training run 7"));
            case "eval" -> List.of(new OutputLink(OutputLink.Kind.BENCHMARK_RUN, Long.toString(runId), "benchmark run "
                    + runId));
            case "export" -> List.of(new OutputLink(OutputLink.Kind.FILE, "/home/ada/out/peft", "/home/ada/out/peft"));
            default -> List.of();
        };
    }

    private boolean await(CancellationToken cancel) {
        try {
            while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancellationRequested()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized RunDetail put(long runId, int index, StepRun step, RunStatus status, String reason) {
        RunDetail old = runs.get(runId);
        List<StepRun> steps = new ArrayList<>(old.steps());
        if (index >= 0) {
            steps.set(index, step);
        }
        Duration elapsed = steps.stream().map(StepRun::duration).reduce(Duration.ZERO, Duration::plus);
        RunSummary s = old.summary();
        RunDetail now = new RunDetail(new RunSummary(s.id(), s.pipeline(), status, s.started(), elapsed, s.trigger()),
                reason, steps);
        runs.put(runId, now);
        return now;
    }

    private static int indexOf(RunDetail run, java.util.function.Predicate<StepRun> test) {
        for (int i = 0; i < run.steps().size(); i++) {
            if (test.test(run.steps().get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no such step in run " + run.id());
    }

    static String hash(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
