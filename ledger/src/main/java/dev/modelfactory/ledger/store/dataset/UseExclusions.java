package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Use;
import java.util.List;

/**
 * Rows left out of a use because their contributor did not allow it, and whose they are.
 *
 * @param use            the use asked about
 * @param excludedRows   rows excluded, in all
 * @param byContributor  excluded rows per contributor, most first ({@code null} contributor = none recorded)
 */
public record UseExclusions(Use use, long excludedRows, List<ContributorCount> byContributor) {

    public UseExclusions {
        byContributor = List.copyOf(byContributor);
    }

    /**
     * @param contributor wallet address or name, or null for rows without one
     * @param rows        rows of that contributor
     */
    public record ContributorCount(String contributor, long rows) {
    }
}
