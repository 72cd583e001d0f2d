package dev.modelfactory.app.attribution;

import dev.modelfactory.ledger.attribution.OutputAttribution;

/**
 * A contributor's share of an output, from its rows' positive influence; shares of one result sum to 10000.
 *
 * @param contributor wallet address or name, {@code (unknown)} for rows without one
 * @param influence   the summed positive influence the share is computed from
 */
public record InfluenceShare(String contributor, int basisPoints, double influence) {

    /** The share as an {@link OutputAttribution} record carries it. */
    public OutputAttribution.Share toLedger() {
        return new OutputAttribution.Share(contributor, basisPoints);
    }
}
