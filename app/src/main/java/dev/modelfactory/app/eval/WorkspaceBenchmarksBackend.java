package dev.modelfactory.app.eval;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.eval.SystemRef;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The Benchmarks page over a workspace: {@link EvalService} for suites, jobs and results; adapters are those
 * the workspace's completed (or user-stopped) runs trained on the model (matched by the model's content
 * hash) and the imported ones whose shapes fit it; nearest training rows come from the dataset version the adapter's run
 * trained on.
 */
public final class WorkspaceBenchmarksBackend implements BenchmarksBackend {

    private final Workspace workspace;
    private final EvalService service;

    public WorkspaceBenchmarksBackend(Workspace workspace) {
        this.workspace = workspace;
        this.service = new EvalService(workspace);
    }

    @Override
    public List<String> models() {
        return workspace.models().list().stream().map(ModelRecord::name).toList();
    }

    @Override
    public List<AdapterChoice> adapters(String model) {
        ModelRef m = service.model(model);
        List<AdapterChoice> out = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        List<AdapterCatalog.Entry> imported = new ArrayList<>();
        RunStore runs = new RunStore(workspace);
        for (AdapterCatalog.Entry e : new AdapterCatalog(workspace).list()) {
            if (e.runId() == 0) {
                imported.add(e);
            } else if (e.baseModel().equals(m.hash()) && kept(runs, e.runId()) && hashes.add(e.hash())) {
                out.add(new AdapterChoice("run " + e.runId() + " " + e.name(), e.folder(), e.runId()));
            }
        }
        imported.removeIf(e -> hashes.contains(e.hash()));
        if (!imported.isEmpty()) {
            try (ModelFiles files = ModelFiles.open(m.location())) {
                for (AdapterCatalog.Entry e : imported) {
                    if (fits(e.folder(), files) && hashes.add(e.hash())) {
                        out.add(new AdapterChoice("imported " + e.hash().substring(0, 12), e.folder(), 0));
                    }
                }
            }
        }
        return out;
    }

    /** A run's adapter counts when the run completed or the user stopped it (its adapter was kept), not when it failed. */
    private static boolean kept(RunStore runs, long runId) {
        return runs.get(runId).map(r -> r.outcome() == RunOutcome.COMPLETED || r.outcome() == RunOutcome.STOPPED)
                .orElse(false);
    }

    private static boolean fits(Path folder, ModelFiles base) {
        try {
            PeftAdapter.load(folder).checkAgainst(base.config());
            return true;
        } catch (AdapterException e) {
            return false;
        }
    }

    @Override
    public List<SuiteRef> suites() {
        return service.store().suites().stream().map(WorkspaceBenchmarksBackend::ref).toList();
    }

    @Override
    public EvalSuite suite(String name, int version) {
        return service.suite(name, version);
    }

    @Override
    public SuiteRef createFromSplit(String dataset, String suiteName, List<Metric> metrics) {
        return ref(service.createFromDatasets(suiteName, List.of(dataset), metrics));
    }

    @Override
    public SuiteRef importSuite(Path jsonl, String suiteName) {
        return ref(service.importJsonl(jsonl, suiteName));
    }

    @Override
    public RunRef run(String suite, int suiteVersion, String model, List<EvalSystem> systems, Decoding decoding,
            EvalListener listener, BooleanSupplier cancelled) {
        SuiteRecord s = service.store().suite(suite, suiteVersion).orElseThrow(() -> new IllegalArgumentException(
                "suite: no suite " + suite + " version " + suiteVersion));
        return ref(service.run(s, service.model(model), systems, decoding, listener, cancelled));
    }

    @Override
    public List<RunRef> runs() {
        return service.store().runs().stream().map(WorkspaceBenchmarksBackend::ref).toList();
    }

    @Override
    public EvalResult result(long runId) {
        return service.result(runId);
    }

    @Override
    public List<NearRow> nearestTrainingRows(EvalSystem system, String text, int k) {
        if (system.adapter().isEmpty()) {
            return List.of();
        }
        Optional<RunRecord> run = trainingRun(system.adapter().get());
        if (run.isEmpty()) {
            return List.of();
        }
        return NearestRows.find(new DatasetStore(workspace), run.get().spec().datasetName(),
                run.get().spec().datasetVersion(), text, k);
    }

    /** The run that trained the adapter in {@code folder}: by folder, else by content hash. */
    private Optional<RunRecord> trainingRun(Path folder) {
        List<AdapterCatalog.Entry> all = new AdapterCatalog(workspace).list();
        Path wanted = folder.toAbsolutePath().normalize();
        Optional<AdapterCatalog.Entry> entry = all.stream()
                .filter(e -> e.runId() > 0 && e.folder().toAbsolutePath().normalize().equals(wanted)).findFirst();
        if (entry.isEmpty()) {
            String hash = AdapterCatalog.load(folder).sha256();
            entry = all.stream().filter(e -> e.runId() > 0 && e.hash().equals(hash)).findFirst();
        }
        return entry.flatMap(e -> new RunStore(workspace).get(e.runId()));
    }

    private static SuiteRef ref(SuiteRecord r) {
        return new SuiteRef(r.name(), r.version(), r.description(), r.tasks(), r.items(), r.createdAt());
    }

    private static RunRef ref(EvalRunRecord r) {
        return new RunRef(r.id(), r.suiteName(), r.suiteVersion(), r.modelName(),
                r.systems().stream().map(SystemRef::label).toList(), r.finishedAt());
    }
}
