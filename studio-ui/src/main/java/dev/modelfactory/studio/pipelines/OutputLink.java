package dev.modelfactory.studio.pipelines;

import java.util.Objects;

/**
 * A step's output that another page can show: the page opens it, choosing the item where it can.
 *
 * @param kind  which page shows it
 * @param ref   the item on that page: a dataset's name, a training run's or benchmark run's id, an attestation's
 *              record hash, a file's path
 * @param label what the link says ("dataset support v3", "benchmark run 12")
 */
public record OutputLink(Kind kind, String ref, String label) {

    /** The kinds of output a pipeline makes, by the page that shows them. */
    public enum Kind {
        /** A dataset (version): the Datasets page. */
        DATASET,
        /** A training run and its adapter: the Training page. */
        TRAINING_RUN,
        /** A benchmark run: the Benchmarks page. */
        BENCHMARK_RUN,
        /** Signed records: the Attribution page. */
        ATTRIBUTION,
        /** A file or folder written outside the workspace (an export): no page, the path is shown. */
        FILE
    }

    public OutputLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(label, "label");
    }
}
