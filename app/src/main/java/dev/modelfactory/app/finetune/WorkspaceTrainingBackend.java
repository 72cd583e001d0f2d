package dev.modelfactory.app.finetune;

import dev.modelfactory.app.training.ChatTemplates;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.app.training.RunHandle;
import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingPlan;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.training.WarmupEstimate;
import dev.modelfactory.engine.platform.MachineInfo;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSample;
import dev.modelfactory.studio.training.BaseModelChoice;
import dev.modelfactory.studio.training.DatasetChoice;
import dev.modelfactory.studio.training.DeviceInfo;
import dev.modelfactory.studio.training.ExamplePreview;
import dev.modelfactory.studio.training.RunControl;
import dev.modelfactory.studio.training.RunEnd;
import dev.modelfactory.studio.training.RunObserver;
import dev.modelfactory.studio.training.RunPlan;
import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.RunWarmup;
import dev.modelfactory.studio.training.TrainingBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * studio-ui's {@link TrainingBackend} over {@link TrainingService}: models from the workspace registry,
 * datasets with frozen versions, plans and runs as the {@code train} command makes them, and the stored
 * runs and curves. Opening it marks runs left RUNNING by a dead process INTERRUPTED (the workspace lock
 * means no other process trains here).
 */
public final class WorkspaceTrainingBackend implements TrainingBackend {

    private final Workspace workspace;
    private final TrainingService service;
    private final DatasetStore datasets;
    private final int threads;
    /** Steps timed by a warm-up (after one untimed step): enough to average out, short enough to wait for. */
    static final int WARMUP_STEPS = 3;

    public WorkspaceTrainingBackend(Workspace workspace, int threads) {
        this.workspace = workspace;
        this.service = new TrainingService(workspace);
        this.datasets = new DatasetStore(workspace);
        this.threads = threads;
        service.runs().recoverInterrupted();
    }

    public static WorkspaceTrainingBackend of(Workspace workspace) {
        return new WorkspaceTrainingBackend(workspace, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<BaseModelChoice> models() {
        List<BaseModelChoice> out = new ArrayList<>();
        for (ModelRecord m : workspace.models().list()) {
            out.add(new BaseModelChoice(m.id(), m.name(),
                    m.name().equals(dev.modelfactory.app.starter.StarterKit.MODEL_NAME) ? "starter" : "imported"));
        }
        return out;
    }

    @Override
    public List<DatasetChoice> datasets() {
        List<DatasetChoice> out = new ArrayList<>();
        for (DatasetInfo d : datasets.list()) {
            List<DatasetChoice.Version> versions = new ArrayList<>();
            for (DatasetVersion v : datasets.versions(d.id())) {
                long[] counts = new long[3];
                java.util.Map<String, Long> tags = new java.util.HashMap<>();
                for (long after = 0; ; ) {
                    List<DatasetRow> page = datasets.versionRowsAfter(v, null, after, 1000);
                    for (DatasetRow r : page) {
                        counts[r.split() == Split.VALIDATION ? 1 : r.split() == Split.TEST ? 2 : 0]++;
                        r.content().tags().forEach(t -> tags.merge(t, 1L, Long::sum));
                    }
                    if (page.size() < 1000) {
                        break;
                    }
                    after = page.getLast().id();
                }
                List<String> byRows = tags.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue()
                        .reversed().thenComparing(java.util.Map.Entry.comparingByKey())).map(java.util.Map.Entry::getKey).toList();
                versions.add(new DatasetChoice.Version(v.root(), counts[0], counts[1], counts[2], byRows));
            }
            if (!versions.isEmpty()) {
                out.add(new DatasetChoice(d.name(), versions));
            }
        }
        return out;
    }

    @Override
    public DeviceInfo device() {
        MachineInfo m = MachineInfo.detect();
        // CPU training holds its tensors in the JVM heap: that, not the machine's RAM, is the limit
        return new DeviceInfo("CPU \u00b7 " + threads + " training threads \u00b7 " + m.summary(), m.maxHeap());
    }

    @Override
    public RunPlan plan(RunRequest request) {
        TrainingPlan p = service.plan(toRequest(request));
        return new RunPlan(p.modelName(), p.dataset(), p.versionRoot(), p.trainRows(), p.validationRows(), p.testRows(),
                p.skippedRows(), p.excluded().excludedRows(), p.excluded().byContributor().stream()
                .map(c -> new RunPlan.Exclusion(c.contributor() == null ? "(no contributor)" : c.contributor(), c.rows()))
                .toList(), p.trainTokens(), p.lossTokens(), p.droppedExamples(), p.stepsPerEpoch(), p.totalSteps(),
                p.memory().weightsBytes(), p.memory().activationsBytes(), p.memory().optimiserBytes(),
                p.memory().trainableParameters(), p.chatTemplate());
    }

    @Override
    public ExamplePreview preview(RunRequest request) {
        ModelRecord model = workspace.models().find(request.model())
                .orElseThrow(() -> new IllegalArgumentException("model: no imported model " + request.model()));
        DatasetInfo ds = datasets.findByName(request.dataset())
                .orElseThrow(() -> new IllegalArgumentException("dataset: no dataset named " + request.dataset()));
        DatasetVersion version = request.version().flatMap(v -> datasets.version(ds.id(), v))
                .or(() -> datasets.versions(ds.id()).stream().reduce((a, b) -> b))
                .orElseThrow(() -> new IllegalArgumentException("dataset: " + ds.name() + " has no frozen version"));
        Conversation example = null;
        Split first = Split.ofWire(request.config().trainSplits().getFirst());
        for (DatasetRow row : datasets.versionRows(version, first, 0, 200)) {
            // only rows whose contributor allows training, as the run reads them
            if (row.allowedUses().contains(Use.TRAIN)) {
                Optional<Conversation> c = RowConversions.toTraining(row.content());
                if (c.isPresent()) {
                    example = c.get();
                    break;
                }
            }
        }
        if (example == null) {
            throw new IllegalArgumentException("dataset: " + ds.name() + "@" + version.shortRoot()
                    + " has no training row that its contributor allows to train on");
        }
        try (ModelFiles files = ModelFiles.open(model.location())) {
            ChatFormat format = ChatTemplates.resolve(request.config().chatTemplate(), files.template());
            List<ExamplePreview.Piece> pieces = format.spans(example).stream()
                    .map(s -> new ExamplePreview.Piece(s.text(), s.response())).toList();
            TrainingExample encoded = new ExampleEncoder(format, files.tokenizer(), request.config().seqLen(),
                    request.config().truncation()).encode(example);
            String template = request.config().chatTemplate() != null
                    ? ChatTemplates.describe(request.config().chatTemplate(), files.template())
                    : files.template().isPresent() ? "from the model" : "ChatML (built in; the model has none)";
            return new ExamplePreview(template, pieces, encoded.length(), encoded.lossTokens());
        }
    }

    @Override
    public List<String> chatTemplates() {
        return ChatTemplates.names();
    }

    @Override
    public RunWarmup measure(RunRequest request, java.util.function.BooleanSupplier cancelled)
            throws InterruptedException {
        WarmupEstimate e = service.measure(toRequest(request), WARMUP_STEPS, cancelled::getAsBoolean);
        return new RunWarmup(e.measuredSteps(), e.secondsPerStep(), e.tokensPerSecond(), e.totalSteps(),
                e.estimatedSeconds());
    }

    @Override
    public List<RunSample> samples(long runId) {
        return service.samples().samples(runId);
    }

    @Override
    public RunControl start(RunRequest request, RunObserver observer) {
        Listener l = new Listener(observer, 0);
        return control(service.start(toRequest(request), l), l);
    }

    @Override
    public RunControl resume(long runId, RunObserver observer) {
        RunRecord run = service.runs().get(runId)
                .orElseThrow(() -> new IllegalArgumentException("run: no run with id " + runId));
        long checkpoint = run.checkpointStep().orElse(0);
        long before = service.runs().metrics(runId, -1).stream().filter(m -> m.step() <= checkpoint)
                .mapToLong(MetricPoint::elapsedMillis).max().orElse(0);
        Listener l = new Listener(observer, before);
        return control(service.resume(runId, l), l);
    }

    @Override
    public List<RunRecord> runs() {
        return service.runs().list();
    }

    @Override
    public List<MetricPoint> metrics(long runId) {
        return service.runs().metrics(runId, -1);
    }

    @Override
    public List<dev.modelfactory.ledger.store.run.RunSeries> series(long runId) {
        return service.series().series(runId);
    }

    @Override
    public List<dev.modelfactory.ledger.store.run.SeriesPoint> seriesPoints(long runId) {
        return service.series().points(runId);
    }

    private TrainingRequest toRequest(RunRequest r) {
        TrainingRequest t = TrainingRequest.of(r.model(), new DatasetRef(r.dataset(), r.version()), r.config())
                .withThreads(threads).withTrackTags(r.trackTags());
        return r.name().map(t::withName).orElse(t);
    }

    private static RunControl control(RunHandle h, Listener l) {
        return new RunControl() {
            @Override
            public long runId() {
                return h.runId();
            }

            @Override
            public int totalSteps() {
                return h.totalSteps();
            }

            @Override
            public void pause() {
                h.pause();
            }

            @Override
            public void resume() {
                h.resume();
                l.observer.onPaused(h.runId(), false);
            }

            @Override
            public void stop() {
                h.resume(); // a paused run must wake up to see the stop
                h.stop();
            }
        };
    }

    /** Turns the service's step metrics into stored-point form, with wall time since the run began. */
    private static final class Listener implements RunListener {
        private final RunObserver observer;
        private final long elapsedBefore;
        private final long started = System.nanoTime();

        Listener(RunObserver observer, long elapsedBefore) {
            this.observer = observer;
            this.elapsedBefore = elapsedBefore;
        }

        @Override
        public void onStep(long runId, StepMetrics m, int totalSteps) {
            if (!Double.isFinite(m.loss()) || !Double.isFinite(m.gradNorm())) {
                return; // the run stops on this and says why in its outcome
            }
            long elapsed = elapsedBefore + (System.nanoTime() - started) / 1_000_000;
            observer.onPoint(runId, new MetricPoint(m.step(), m.epoch(), elapsed, OptionalDouble.of(m.loss()),
                    m.hasEvalLoss() && Double.isFinite(m.evalLoss()) ? OptionalDouble.of(m.evalLoss())
                            : OptionalDouble.empty(), finite(m.lr()), finite(m.gradNorm()),
                    finite(m.tokensPerSecond()), OptionalLong.of(m.memoryBytes())), totalSteps);
        }

        @Override
        public void onPaused(long runId, int step) {
            observer.onPaused(runId, true);
        }

        @Override
        public void onSamples(long runId, List<RunSample> samples) {
            observer.onSamples(runId, samples);
        }

        @Override
        public void onSeries(long runId, List<dev.modelfactory.ledger.store.run.SeriesPoint> points) {
            observer.onSeries(runId, points);
        }

        @Override
        public void onFinished(TrainingOutcome o) {
            observer.onFinished(new RunEnd(o.runId(), o.outcome(), o.message(), o.steps(),
                    o.adapterPath().map(Object::toString).orElse("")));
        }

        private static OptionalDouble finite(double v) {
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        }
    }
}
