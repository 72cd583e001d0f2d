package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.Metric;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An in-memory backend over {@link BenchData} (test scope). A run walks the suite's items per system,
 * reporting progress and polling cancellation after each, and stores the hand-made result of the systems it
 * was given. {@code gate}: when set, the run waits on it after the first system's first item (so a test can
 * look at the bars or cancel), polling cancellation while it waits.
 */
final class FakeBenchmarksBackend implements BenchmarksBackend {

    record CreateCall(String dataset, String suiteName, List<Metric> metrics) {
    }

    final List<CreateCall> createCalls = new CopyOnWriteArrayList<>();
    final List<List<String>> runCalls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<String> nearQueries = new CopyOnWriteArrayList<>();
    final List<SuiteRef> suites = new CopyOnWriteArrayList<>();
    final List<RunRef> runs = new CopyOnWriteArrayList<>();
    final Map<Long, EvalResult> results = new ConcurrentHashMap<>();
    volatile CountDownLatch gate;
    volatile CountDownLatch reachedGate = new CountDownLatch(1);

    FakeBenchmarksBackend() {
        EvalSuite s = BenchData.suite();
        suites.add(new SuiteRef(s.name(), s.version(), s.description(), s.tasks().size(), s.itemCount(),
                Instant.parse("2026-11-20T10:00:00Z")));
    }

    /** Adds stored run 1: every system on the suite. */
    FakeBenchmarksBackend withStoredRun() {
        results.put(1L, BenchData.result());
        runs.add(new RunRef(1, BenchData.SUITE, 1, BenchData.MODEL, BenchData.SYSTEMS,
                Instant.parse("2026-11-21T09:30:00Z")));
        return this;
    }

    /** Adds stored run 2: base and geo, geo right on every capital and the base on none. */
    FakeBenchmarksBackend withDecisiveRun() {
        results.put(2L, BenchData.decisive());
        runs.addFirst(new RunRef(2, BenchData.SUITE, 1, BenchData.MODEL, List.of("base", "geo"),
                Instant.parse("2026-11-22T09:30:00Z")));
        return this;
    }

    @Override
    public List<String> models() {
        return List.of(BenchData.MODEL);
    }

    @Override
    public List<AdapterChoice> adapters(String model) {
        return List.of(new AdapterChoice("geo", Path.of("/adapters/geo"), 7),
                new AdapterChoice("tone", Path.of("/adapters/tone"), 0));
    }

    @Override
    public List<SuiteRef> suites() {
        return List.copyOf(suites);
    }

    @Override
    public EvalSuite suite(String name, int version) {
        EvalSuite s = BenchData.suite();
        if (!name.equals(s.name()) || version != s.version()) {
            throw new IllegalArgumentException("no suite " + name + " v" + version);
        }
        return s;
    }

    @Override
    public SuiteRef createFromSplit(String dataset, String suiteName, List<Metric> metrics) {
        threads.add(Thread.currentThread().getName());
        createCalls.add(new CreateCall(dataset, suiteName, metrics));
        SuiteRef made = new SuiteRef(suiteName, 1, "test split of " + dataset, 1, 24, Instant.now());
        suites.addFirst(made);
        return made;
    }

    @Override
    public SuiteRef importSuite(Path jsonl, String suiteName) {
        throw new IllegalArgumentException(jsonl + " line 1: not used in these tests");
    }

    @Override
    public RunRef run(String suite, int suiteVersion, String model, List<EvalSystem> systems, Decoding decoding,
            EvalListener listener, BooleanSupplier cancelled) {
        threads.add(Thread.currentThread().getName());
        List<String> labels = systems.stream().map(EvalSystem::label).toList();
        runCalls.add(labels);
        EvalSuite s = suite(suite, suiteVersion);
        int total = s.itemCount();
        for (String system : labels) {
            for (int done = 1; done <= total; done++) {
                listener.onProgress(system, done, total);
                if (gate != null && system.equals(labels.getFirst()) && done == 1) {
                    reachedGate.countDown();
                    awaitGate(cancelled);
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + done + " items of " + system);
                }
            }
        }
        long id = runs.size() + 1;
        results.put(id, BenchData.result(labels, "Paris"));
        RunRef ref = new RunRef(id, suite, suiteVersion, model, labels, Instant.now());
        runs.addFirst(ref);
        return ref;
    }

    private void awaitGate(BooleanSupplier cancelled) {
        try {
            while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    @Override
    public List<RunRef> runs() {
        return List.copyOf(runs);
    }

    @Override
    public EvalResult result(long runId) {
        EvalResult r = results.get(runId);
        if (r == null) {
            throw new IllegalArgumentException("no run " + runId);
        }
        return r;
    }

    @Override
    public List<NearRow> nearestTrainingRows(EvalSystem system, String text, int k) {
        nearQueries.add(system.label() + ": " + text);
        if (system.adapter().isEmpty()) {
            return List.of();
        }
        List<NearRow> rows = new ArrayList<>();
        rows.add(new NearRow("capitals-train", 3, "9f1c2e7d5a4b", "Q: Capital of Japan? A: Tokyo", "ada", 0.82));
        rows.add(new NearRow("capitals-train", 3, "1b2c3d4e5f60", "Q: Capital of China? A: Beijing", "grace", 0.41));
        return rows.subList(0, Math.min(k, rows.size()));
    }
}
