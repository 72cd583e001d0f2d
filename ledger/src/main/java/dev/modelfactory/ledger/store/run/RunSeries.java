package dev.modelfactory.ledger.store.run;

import java.util.Objects;

/**
 * One loss series a run tracks: a contributor (or {@link #OTHERS}, the contributors past the cap pooled, or
 * {@link #NO_CONTRIBUTOR}) or a tag, with how many of the run's training and validation rows it covers.
 */
public record RunSeries(SeriesKind kind, String key, long trainRows, long evalRows) {

    /** The key of the series pooling every contributor not tracked by name. */
    public static final String OTHERS = "(others)";
    /** The key of rows imported without a contributor. */
    public static final String NO_CONTRIBUTOR = "(no contributor)";

    public RunSeries {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key: required");
        }
        if (trainRows < 0 || evalRows < 0) {
            throw new IllegalArgumentException("rows: must be >= 0, got " + trainRows + " and " + evalRows);
        }
    }
}
