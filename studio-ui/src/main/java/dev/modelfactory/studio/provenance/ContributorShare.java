package dev.modelfactory.studio.provenance;

import java.util.Objects;

/** A contributor's share of the credit for an output, in basis points (10000 = 100 %). */
public record ContributorShare(String contributor, int bps) {

    public ContributorShare {
        Objects.requireNonNull(contributor, "contributor");
        if (bps < 0 || bps > 10_000) {
            throw new IllegalArgumentException("share of " + contributor + ": must be 0..10000 basis points, got " + bps);
        }
    }

    /** "37.50 %". */
    public String percent() {
        return String.format(java.util.Locale.ROOT, "%d.%02d %%", bps / 100, bps % 100);
    }
}
