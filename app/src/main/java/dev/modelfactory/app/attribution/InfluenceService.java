package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.RunReplay;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.engine.attribution.influence.ContributorShares;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.engine.attribution.influence.InfluenceScorer;
import dev.modelfactory.engine.attribution.influence.SketchManifest;
import dev.modelfactory.engine.attribution.influence.SketchStore;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gradient influence of a workspace's training rows on adapter outputs (see the package doc): builds the
 * per-row gradient sketches of finished LoRA runs and answers attribution queries over them. Thread-safe:
 * one operation at a time (they share the open run). Keeps the last queried run open; {@link #close} frees it.
 */
public final class InfluenceService implements AutoCloseable {

    /** The default method: the one that did better on the planted-contributor benchmark (docs/benchmarks/attribution.md). */
    public static final InfluenceMethod DEFAULT_METHOD = InfluenceMethod.DATAINF;
    public static final int DEFAULT_TOP = 10;
    /** Tokens generated at most when attribute() has to produce the output itself. */
    public static final int MAX_NEW_TOKENS = 128;
    private static final int TEXT_CHARS = 200;

    private final Workspace workspace;
    private final TrainingService training;
    private final int threads;
    private InfluenceSession open;

    public InfluenceService(Workspace workspace, TrainingService training) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.training = Objects.requireNonNull(training, "training");
        this.threads = Runtime.getRuntime().availableProcessors();
    }

    public InfluenceService(Workspace workspace) {
        this(workspace, new TrainingService(workspace));
    }

    /** Whether run {@code runId} has a complete set of sketches. */
    public boolean hasSketches(long runId) {
        return SketchStore.exists(training.runFolder(runId).resolve("influence"));
    }

    /**
     * Sketches every training row's LoRA gradient at each checkpoint finished run {@code runId} kept, into
     * {@code runs/N/influence/} (replacing earlier sketches). Call after a LoRA run completes; progress
     * counts rows x checkpoints; cancellable between rows (throws CancellationException, leaves no partial
     * set behind).
     */
    public synchronized SketchSummary sketchRun(long runId, ProgressListener progress, CancellationToken cancel) {
        RunRecord run = training.runs().get(runId)
                .orElseThrow(() -> new TrainingInputException("run: no run with id " + runId));
        if (run.outcome() == RunOutcome.RUNNING) {
            throw new TrainingInputException("run " + runId + ": still training; sketch it once it has finished");
        }
        closeOpen();
        try (RunReplay replay = RunReplay.open(training, runId)) {
            return SketchBuilder.build(replay, threads, progress, cancel);
        }
    }

    /**
     * Attributes an output of an adapter to its training rows.
     *
     * @param adapterRef {@code run:N}, a run id, an adapter hash prefix or a PEFT folder (as elsewhere); it must
     *                   come from a LoRA run of this workspace
     * @param output     the output to explain; empty: generated greedily with the adapter
     * @param method     null: {@link #DEFAULT_METHOD}
     * @param progress   reports sketching (rows x checkpoints) when the run has no sketches yet; they are built first
     */
    public synchronized InfluenceResult attribute(String adapterRef, String prompt, Optional<String> output,
            InfluenceMethod method, int topK, ProgressListener progress, CancellationToken cancel) {
        long t0 = System.nanoTime();
        if (prompt == null || prompt.isBlank()) {
            throw new TrainingInputException("prompt: must not be empty");
        }
        if (topK < 1) {
            throw new TrainingInputException("top: must be >= 1, got " + topK);
        }
        InfluenceMethod m = method == null ? DEFAULT_METHOD : method;
        AdapterCatalog.Entry adapter = new AdapterCatalog(workspace).find(adapterRef);
        if (adapter.runId() <= 0) {
            throw new TrainingInputException("adapter: '" + adapterRef + "' was not trained in this workspace;"
                    + " gradient influence needs the run that trained it (its rows and checkpoints)");
        }
        if (!hasSketches(adapter.runId())) {
            sketchRun(adapter.runId(), progress, cancel);
        }
        cancel.throwIfCancellationRequested();
        InfluenceSession s = session(adapter.runId());
        boolean generated = output.isEmpty() || output.get().isEmpty();
        String out = generated ? s.generate(prompt, MAX_NEW_TOKENS) : output.get();
        if (out.isBlank()) {
            throw new TrainingInputException("output: the adapter generated an empty answer to this prompt; pass"
                    + " --output to attribute a given text");
        }
        cancel.throwIfCancellationRequested();
        List<float[]> queries = s.querySketches(prompt, out);
        double[] scores = InfluenceScorer.scores(s.sketches(), queries, m);
        List<SketchManifest.Row> rows = s.sketches().manifest().rows();
        List<InfluenceRow> top = new ArrayList<>();
        for (int i : ContributorShares.top(scores, topK)) {
            SketchManifest.Row r = rows.get(i);
            top.add(new InfluenceRow(r.id(), r.hash(), r.contributor(), scores[i], s.text(i, TEXT_CHARS)));
        }
        List<InfluenceShare> shares = ContributorShares.of(rows.stream().map(SketchManifest.Row::contributor).toList(),
                scores).stream().map(x -> new InfluenceShare(x.contributor(), x.basisPoints(), x.influence())).toList();
        return new InfluenceResult(adapter.hash(), adapter.runId(), prompt, out, generated, m, top, shares, s.steps(),
                scores.length, (System.nanoTime() - t0) / 1e9);
    }

    private InfluenceSession session(long runId) {
        if (open != null && open.replay().run().id() == runId) {
            return open;
        }
        closeOpen();
        RunReplay replay = RunReplay.open(training, runId);
        try {
            open = new InfluenceSession(replay, threads);
        } catch (RuntimeException e) {
            replay.close();
            throw e;
        }
        return open;
    }

    private void closeOpen() {
        if (open != null) {
            InfluenceSession s = open;
            open = null;
            s.close();
        }
    }

    @Override
    public synchronized void close() {
        closeOpen();
    }
}
