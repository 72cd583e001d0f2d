package dev.modelfactory.app.eval;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalModel;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalRunner;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.io.SuiteJsonl;
import dev.modelfactory.ledger.store.ModelHash;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.eval.NewEvalRun;
import dev.modelfactory.ledger.store.eval.NewSuite;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.eval.SystemRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Evaluation over a workspace, for the CLI and the Benchmarks page alike: suites (from datasets' TEST
 * splits, from JSONL files; stored versioned by content), jobs (the model opened once, every system run by
 * the engine's {@link EvalRunner}, the result stored with every output in one transaction, so a failed or
 * cancelled job stores nothing) and stored results reopened without evaluating. Errors the user can fix
 * are {@link IllegalArgumentException}s naming the field, file or line.
 */
public final class EvalService {

    /** Items per batch the runner decodes together. */
    public static final int MAX_BATCH = 8;

    private final Workspace workspace;
    private final EvalStore store;

    public EvalService(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.store = new EvalStore(workspace);
    }

    public EvalStore store() {
        return store;
    }

    /** One generation task per dataset over its latest version's TEST rows (contributor allows EVAL). */
    public SuiteRecord createFromDatasets(String name, List<String> datasets, List<Metric> metrics) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets: name at least one dataset");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics: name at least one metric");
        }
        DatasetStore ds = new DatasetStore(workspace);
        List<EvalTask> tasks = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (String d : new java.util.LinkedHashSet<>(datasets)) {
            DatasetSuites.Made made = DatasetSuites.task(ds, d, metrics);
            tasks.add(made.task());
            from.add(d + "@" + made.version().shortRoot());
        }
        return save(new EvalSuite(name, 0, "TEST split of " + String.join(", ", from), tasks));
    }

    /** A suite read from a JSONL file (errors name the file, line and field). */
    public SuiteRecord importJsonl(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        EvalSuite read;
        try {
            read = SuiteJsonl.read(file, name, 0, "imported from " + file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return save(read);
    }

    /** Stores {@code suite}'s content under its name: the same content keeps its version. */
    public SuiteRecord save(EvalSuite suite) {
        return store.saveSuite(new NewSuite(suite.name(), suite.description(), SuiteCodec.tasksJson(suite.tasks()),
                suite.tasks().size(), suite.itemCount()));
    }

    /** {@code NAME} (its latest version) or {@code NAME@VERSION}. */
    public SuiteRecord suiteRecord(String ref) {
        int at = ref.lastIndexOf('@');
        if (at > 0) {
            String name = ref.substring(0, at);
            int version;
            try {
                version = Integer.parseInt(ref.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("suite: '" + ref + "': the version after @ is not a number");
            }
            return store.suite(name, version).orElseThrow(() -> new IllegalArgumentException("suite: no suite "
                    + name + " version " + version));
        }
        return store.latestSuite(ref).orElseThrow(() -> new IllegalArgumentException("suite: no suite named " + ref
                + " (see: eval suites)"));
    }

    public EvalSuite suite(SuiteRecord r) {
        return new EvalSuite(r.name(), r.version(), r.description(), SuiteCodec.tasks(r.tasksJson()));
    }

    public EvalSuite suite(String name, int version) {
        return suite(store.suite(name, version).orElseThrow(() -> new IllegalArgumentException("suite: no suite "
                + name + " version " + version)));
    }

    /** A registered model (name, id or id prefix) or a model file or folder (hashed as the registry would). */
    public ModelRef model(String ref) {
        var registered = workspace.models().find(ref);
        if (registered.isPresent()) {
            ModelRecord m = registered.get();
            return new ModelRef(m.name(), m.id(), m.location());
        }
        Path p = Path.of(ref);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("model: '" + ref + "' is neither a registered model nor a file or folder");
        }
        try {
            String hash = ModelHash.of(p);
            return workspace.models().get(hash).map(m -> new ModelRef(m.name(), m.id(), m.location()))
                    .orElseGet(() -> new ModelRef(p.getFileName().toString(), hash, p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /**
     * Runs {@code systems} over the suite as one job and stores the result with every output.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turned true (nothing stored)
     */
    public EvalRunRecord run(SuiteRecord suiteRecord, ModelRef model, List<EvalSystem> systems, Decoding decoding,
            EvalListener listener, BooleanSupplier cancelled) {
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("systems: pick at least one system (the base or an adapter)");
        }
        Set<String> labels = new HashSet<>();
        List<SystemRef> refs = new ArrayList<>();
        for (EvalSystem s : systems) {
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException("systems: two systems labelled " + s.label());
            }
            refs.add(s.adapter().map(a -> new SystemRef(s.label(), a.toString(), AdapterCatalog.load(a).sha256()))
                    .orElseGet(() -> SystemRef.base(s.label())));
        }
        EvalSuite suite = suite(suiteRecord);
        Instant started = Instant.now();
        EvalResult result;
        try (ModelFiles files = ModelFiles.open(model.location())) {
            EvalModel em = new EvalModel(model.name(), files.config(), files.weights(), files.tokenizer(),
                    files.chatFormat().template());
            result = EvalRunner.builder(em, Backends.best()).maxBatch(MAX_BATCH).build()
                    .run(suite, systems, decoding, listener, cancelled);
        } catch (AdapterException e) {
            // An adapter that does not fit the model is the user's pick, not a failure of the job.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        NewEvalRun run = new NewEvalRun(suite.name(), suite.version(), model.name(), model.hash(),
                SuiteCodec.decodingJson(decoding), refs, started, Instant.now());
        return store.saveRun(run, result.outcomes().stream().map(StoredResults::output).toList());
    }

    public EvalRunRecord runRecord(long id) {
        return store.run(id).orElseThrow(() -> new IllegalArgumentException("run: no evaluation run " + id
                + " (see: eval results)"));
    }

    /** A stored run's result, rebuilt from the store (no evaluation). */
    public EvalResult result(long runId) {
        return StoredResults.result(runRecord(runId), store.outputs(runId));
    }
}
