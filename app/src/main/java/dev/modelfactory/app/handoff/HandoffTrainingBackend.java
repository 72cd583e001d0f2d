package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.finetune.BundleExporter;
import dev.modelfactory.studio.finetune.BundleResult;
import dev.modelfactory.studio.training.BaseModelChoice;
import dev.modelfactory.studio.training.DatasetChoice;
import dev.modelfactory.studio.training.DeviceInfo;
import dev.modelfactory.studio.training.ExamplePreview;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.studio.training.RunControl;
import dev.modelfactory.studio.training.RunObserver;
import dev.modelfactory.studio.training.RunPlan;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.TrainingBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The studio's training backend plus "Run elsewhere…": every training call goes to the wrapped backend;
 * {@link #export} writes a job bundle with {@link JobBundleExport}. Wired in StudioWiring around the
 * workspace's backend, so the Fine-tune page's dialog finds the exporter on its backend.
 */
public final class HandoffTrainingBackend implements TrainingBackend, BundleExporter {

    private final TrainingBackend training;
    private final Workspace workspace;

    public HandoffTrainingBackend(TrainingBackend training, Workspace workspace) {
        this.training = Objects.requireNonNull(training, "training");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public Map<String, String> trainers() {
        Map<String, String> m = new LinkedHashMap<>();
        for (TrainerFormat f : TrainerFormat.values()) {
            m.put(f.cliName(), f.displayName());
        }
        return m;
    }

    @Override
    public BundleResult export(RunRequest request, String trainer, Path out, String trainerModel,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        BundleSummary s = new JobBundleExport(workspace).export(BundleRequest.builder().model(request.model())
                .dataset(new DatasetRef(request.dataset(), request.version())).config(request.config())
                .format(TrainerFormat.parse(trainer)).out(out).trainerModel(trainerModel).build(), progress, cancel);
        Provenance p = s.provenance();
        return new BundleResult(s.folder(), p.dataset().trainRows(), p.dataset().validationRows(),
                p.dataset().excludedNotAllowedForTraining(),
                p.unmapped().stream().map(u -> u.field() + " = " + u.value() + ": " + u.reason()).toList(),
                p.warnings(), s.launch());
    }

    @Override
    public List<BaseModelChoice> models() {
        return training.models();
    }

    @Override
    public List<DatasetChoice> datasets() {
        return training.datasets();
    }

    @Override
    public DeviceInfo device() {
        return training.device();
    }

    @Override
    public RunPlan plan(RunRequest request) {
        return training.plan(request);
    }

    @Override
    public ExamplePreview preview(RunRequest request) {
        return training.preview(request);
    }

    @Override
    public RunControl start(RunRequest request, RunObserver observer) {
        return training.start(request, observer);
    }

    @Override
    public RunControl resume(long runId, RunObserver observer) {
        return training.resume(runId, observer);
    }

    @Override
    public List<RunRecord> runs() {
        return training.runs();
    }

    @Override
    public List<MetricPoint> metrics(long runId) {
        return training.metrics(runId);
    }

    @Override
    public List<dev.modelfactory.ledger.store.run.RunSeries> series(long runId) {
        return training.series(runId);
    }

    @Override
    public List<dev.modelfactory.ledger.store.run.SeriesPoint> seriesPoints(long runId) {
        return training.seriesPoints(runId);
    }

    @Override
    public List<String> chatTemplates() {
        return training.chatTemplates();
    }

    @Override
    public dev.modelfactory.studio.training.RunWarmup measure(RunRequest request,
            java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        return training.measure(request, cancelled);
    }

    @Override
    public List<dev.modelfactory.ledger.store.run.RunSample> samples(long runId) {
        return training.samples(runId);
    }
}
