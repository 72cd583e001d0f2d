package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.studio.benchmarks.report.Comparison;
import dev.modelfactory.studio.benchmarks.report.Example;
import dev.modelfactory.studio.benchmarks.report.Examples;
import java.util.List;
import java.util.Objects;

/** A stored run opened on the page: its reference, suite version, result, comparison and examples. */
public record LoadedRun(BenchmarksBackend.RunRef run, EvalSuite suite, EvalResult result, Comparison comparison,
        List<Example> examples) {

    public LoadedRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(comparison, "comparison");
        examples = List.copyOf(examples);
    }

    /** Reads stored run {@code runId} (result and suite version) and compares against its first system. */
    static LoadedRun open(BenchmarksBackend backend, long runId) {
        BenchmarksBackend.RunRef ref = backend.runs().stream().filter(r -> r.id() == runId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stored run " + runId));
        return load(backend, ref);
    }

    /** Reads {@code ref}'s result and suite version and compares against the first system. */
    static LoadedRun load(BenchmarksBackend backend, BenchmarksBackend.RunRef ref) {
        EvalResult result = backend.result(ref.id());
        EvalSuite suite = backend.suite(result.suite(), result.suiteVersion());
        String baseline = Comparison.systems(result).getFirst();
        return new LoadedRun(ref, suite, result, Comparison.of(suite, result, baseline),
                Examples.of(suite, result));
    }

    /** The same run compared against another baseline (recomputes the statistics: call off the FX thread). */
    LoadedRun withBaseline(String baseline) {
        return new LoadedRun(run, suite, result, Comparison.of(suite, result, baseline), examples);
    }

    /** A file name stem for exports: suite, version and run id. */
    String fileStem() {
        return (result.suite() + "-v" + result.suiteVersion() + "-run" + run.id()).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
