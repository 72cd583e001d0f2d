package dev.modelfactory.ledger.dataset;

/**
 * How to split rows into train / validation / test: ratios (summing to 1, within 1e-9) and a seed.
 *
 * <p>The assignment is deterministic ({@link Splitter}): the same rows, ratios and seed give the same
 * split on any machine, whatever order the rows were imported in.
 */
public record SplitSpec(double train, double validation, double test, long seed) {

    public SplitSpec {
        if (train < 0 || validation < 0 || test < 0 || Math.abs(train + validation + test - 1) > 1e-9) {
            throw new IllegalArgumentException("split ratios must be >= 0 and sum to 1, got "
                    + train + " / " + validation + " / " + test);
        }
    }
}
