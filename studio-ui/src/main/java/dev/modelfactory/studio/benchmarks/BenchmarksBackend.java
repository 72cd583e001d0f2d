package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.Metric;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the Benchmarks page needs from the workspace: suites (stored, versioned), the systems a model can be
 * compared as (itself and the adapters trained or imported for it), evaluation jobs whose results are
 * stored, and the training rows nearest an example. Every method may block: call off the FX thread.
 * Errors are {@link IllegalArgumentException}s whose message names the field, file or line.
 */
public interface BenchmarksBackend {

    /** A stored suite version. */
    record SuiteRef(String name, int version, String description, int tasks, int items, Instant created) {
    }

    /** An adapter that can be compared over {@code model}: a label, its PEFT folder, the run that made it (0 if imported). */
    record AdapterChoice(String label, Path folder, long runId) {
    }

    /** A stored evaluation job. */
    record RunRef(long id, String suite, int suiteVersion, String model, List<String> systems, Instant finished) {
    }

    /**
     * A training row near an example: its dataset and version, the row's content hash, a one-line preview,
     * its contributor, and the n-gram overlap score in [0, 1] it was ranked by.
     */
    record NearRow(String dataset, int version, String rowHash, String preview, String contributor, double overlap) {
    }

    /** Registered model names. */
    List<String> models();

    /** The adapters that fit {@code model}. */
    List<AdapterChoice> adapters(String model);

    /** Every suite version, newest first. */
    List<SuiteRef> suites();

    EvalSuite suite(String name, int version);

    /**
     * One click: a suite (new name, or a new version of an existing name) of one generation task over the
     * latest version of {@code dataset}'s TEST split (rows whose contributor allows evaluation), scored by
     * {@code metrics}.
     */
    SuiteRef createFromSplit(String dataset, String suiteName, List<Metric> metrics);

    /** A suite from a JSONL file (format documented in the CLI's {@code eval suites import} help). */
    SuiteRef importSuite(Path jsonl, String suiteName);

    /**
     * Runs {@code systems} on {@code model} over the suite as one job (base loaded once), stores every output
     * and returns the stored run. Blocks; {@code cancelled} is polled between items and a cancelled job
     * stores nothing and throws {@link java.util.concurrent.CancellationException}.
     */
    RunRef run(String suite, int suiteVersion, String model, List<EvalSystem> systems, Decoding decoding,
            EvalListener listener, BooleanSupplier cancelled);

    /** Stored runs, newest first. */
    List<RunRef> runs();

    /** A stored run's full result (costs no evaluation). */
    EvalResult result(long runId);

    /**
     * The training rows of the dataset version that {@code system}'s adapter was trained on, nearest to
     * {@code text} by n-gram overlap, best first; empty for the base or an imported adapter without a run.
     */
    List<NearRow> nearestTrainingRows(EvalSystem system, String text, int k);
}
