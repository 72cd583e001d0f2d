package dev.modelfactory.app.training;

import dev.modelfactory.app.cli.VersionProvider;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.platform.MachineInfo;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.EncodedData;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.NewRun;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSampleStore;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trains adapters (or whole small models) on dataset versions of one open workspace: the service behind
 * the {@code train} commands and the studio's Fine-tune and Training pages (see the package doc).
 * Thread-safe; each started run trains on its own thread.
 */
public final class TrainingService {

    private final Workspace workspace;
    private final DatasetStore datasets;
    private final RunStore runs;
    private final RunSampleStore samples;
    private TrainingQueue queue;
    private volatile Consumer<DatasetRow> rowAudit = r -> { };

    public TrainingService(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.datasets = new DatasetStore(workspace);
        this.runs = new RunStore(workspace);
        this.samples = new RunSampleStore(workspace);
    }

    /** Sees every row handed on to conversion and encoding (an audit hook: tests check no excluded row gets there). */
    public void auditRows(Consumer<DatasetRow> audit) {
        this.rowAudit = Objects.requireNonNull(audit, "audit");
    }

    public RunStore runs() {
        return runs;
    }

    /** The runs' sample generations (every {@code sample_every} steps). */
    public RunSampleStore samples() {
        return samples;
    }

    /** The folder of run {@code id}'s files. */
    public Path runFolder(long id) {
        return workspace.root().resolve("runs").resolve(Long.toString(id));
    }

    /** Resolves, reads, encodes and counts, without starting anything. */
    public TrainingPlan plan(TrainingRequest request) {
        try (Prepared p = prepare(request.model(), request.dataset(), request.config())) {
            return p.plan();
        }
    }

    /**
     * Times {@code steps} real training steps of the request (after one untimed warm-up step) and works out
     * the whole run's wall time; stores nothing. Blocks; cancellable between steps.
     */
    public WarmupEstimate measure(TrainingRequest request, int steps, CancellationToken cancel)
            throws InterruptedException {
        try (Prepared p = prepare(request.model(), request.dataset(), request.config())) {
            return WarmupMeasure.measure(p, steps, request.threads(), cancel);
        }
    }

    /** The queue of runs for this service's device: one trains at a time, the others wait in order. */
    public synchronized TrainingQueue queue() {
        if (queue == null) {
            queue = new TrainingQueue(this::start);
        }
        return queue;
    }

    /** Records a new run and starts training it on a background thread. */
    public RunHandle start(TrainingRequest request, RunListener listener) {
        Prepared p = prepare(request.model(), request.dataset(), request.config());
        try {
            String name = request.name() != null && !request.name().isBlank() ? request.name()
                    : p.model().name() + " on " + p.dataset().name();
            TrainingConfig c = request.config();
            RunRecord run = runs.start(new NewRun(name, p.model().id(), p.dataset().name(), p.version().root(),
                    c.canonicalJson(), c.sha256(), c.seed(), VersionProvider.version(), device(request.threads())));
            return launch(run, p, request.threads(), listener, 0);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /**
     * Continues an INTERRUPTED, STOPPED or FAILED run from its last checkpoint with its recorded model,
     * dataset version and config; it reaches the result an uninterrupted run would have.
     */
    public RunHandle resume(long runId, RunListener listener) {
        RunRecord run = runs.get(runId).orElseThrow(() -> new TrainingInputException("run: no run with id " + runId));
        if (!run.resumable()) {
            throw new TrainingInputException("run " + runId + ": cannot be resumed: it is " + run.outcome()
                    + (run.checkpointDir().isEmpty() ? " and has no checkpoint" : ""));
        }
        TrainingConfig c = TrainingConfigJson.parse(run.spec().configJson());
        Prepared p = prepare(run.spec().baseModel(), new DatasetRef(run.spec().datasetName(),
                Optional.of(run.spec().datasetVersion())), c);
        try {
            List<MetricPoint> kept = runs.metrics(runId, -1);
            RunRecord resumed = runs.resume(runId);
            long elapsed = kept.stream().filter(m -> m.step() <= run.checkpointStep().orElse(0))
                    .mapToLong(MetricPoint::elapsedMillis).max().orElse(0);
            return launch(resumed, p, Runtime.getRuntime().availableProcessors(), listener, elapsed);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private RunHandle launch(RunRecord run, Prepared p, int threads, RunListener listener, long elapsedBefore) {
        TrainingConfig c = TrainingConfigJson.parse(run.spec().configJson());
        RunExecution exec = new RunExecution(runs, samples, run, p, c, runFolder(run.id()), threads,
                listener == null ? RunListener.NONE : listener, elapsedBefore);
        Thread t = new Thread(exec, "training-run-" + run.id());
        t.start();
        return exec.handle();
    }

    static String device(int threads) {
        return "cpu (" + threads + " training threads): " + MachineInfo.detect().summary();
    }

    // ---- resolving and reading --------------------------------------------------------------------

    Prepared prepare(String modelRef, DatasetRef ref, TrainingConfig config) {
        ModelRecord model = TrainingRefs.model(workspace, modelRef);
        DatasetInfo ds = TrainingRefs.dataset(datasets, workspace, ref);
        DatasetVersion version = TrainingRefs.version(datasets, ds, ref);
        UseExclusions excluded = datasets.exclusions(version, Use.TRAIN);
        ChatTemplates.check(config.chatTemplate());
        TrainingData data = TrainingData.read(datasets, version, TrainingData.splits(config.trainSplits(), "train_splits"),
                TrainingData.split(config.evalSplit(), "eval_split"), rowAudit);
        if (data.train().isEmpty()) {
            throw new TrainingInputException("dataset: " + ds.name() + "@" + version.shortRoot() + " has no row to"
                    + " train on in " + String.join(" + ", config.trainSplits()) + " (" + excluded.excludedRows()
                    + " rows excluded by their contributors' permissions, " + data.skipped() + " without an assistant"
                    + " turn, " + data.unusedRows() + " in splits not chosen)");
        }
        ModelFiles files;
        try {
            files = ModelFiles.open(model.location());
        } catch (ModelFormatException e) {
            throw new TrainingInputException("model: " + e.getMessage(), e);
        }
        try {
            ChatFormat format = ChatTemplates.resolve(config.chatTemplate(), files.template());
            ExampleEncoder encoder = new ExampleEncoder(format, files.tokenizer(), config.seqLen(), config.truncation());
            EncodedData train = encode(encoder, data.train(), "training");
            EncodedData eval = encode(encoder, data.validation(), "validation");
            if (train.examples().isEmpty()) {
                throw new TrainingInputException("seq_len: every training example was dropped (" + train.dropped()
                        + " too long for seq_len " + config.seqLen() + " or without a response token)");
            }
            return new Prepared(model, ds, version, data, train, eval, excluded, files, format, config);
        } catch (RuntimeException | Error e) {
            files.close();
            throw e;
        }
    }

    private static EncodedData encode(ExampleEncoder encoder, List<dev.modelfactory.engine.train.data.Conversation> cs,
            String what) {
        try {
            return encoder.encodeAll(cs);
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("chat_template: a " + what + " row cannot be rendered with the chat"
                    + " template: " + e.getMessage(), e);
        }
    }

    /** Everything resolved for one run; owns the open model files until the run ends. */
    record Prepared(ModelRecord model, DatasetInfo dataset, DatasetVersion version, TrainingData data,
            EncodedData train, EncodedData eval, UseExclusions excluded, ModelFiles files, ChatFormat format,
            TrainingConfig config)
            implements AutoCloseable {

        TrainingPlan plan() {
            BatchStream stream = new BatchStream(train.examples(), config.batchSize(), config.seqLen(),
                    config.packing(), true, config.seed(), 0);
            int perEpoch = (stream.batchesInEpoch(0) + config.gradAccum() - 1) / config.gradAccum();
            long tokens = train.examples().stream().mapToLong(e -> e.length()).sum();
            return new TrainingPlan(model.id(), model.name(), model.location(), dataset.name(), version.root(),
                    data.train().size(), data.validation().size(), data.unusedRows(), data.skipped(), excluded, tokens,
                    train.lossTokens(), train.dropped(), perEpoch, Trainer.totalSteps(config, stream),
                    MemoryEstimate.of(files.config(), config),
                    ChatTemplates.describe(config.chatTemplate(), files.template()));
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
