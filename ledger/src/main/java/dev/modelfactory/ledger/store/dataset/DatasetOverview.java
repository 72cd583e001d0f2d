package dev.modelfactory.ledger.store.dataset;

import java.util.List;
import java.util.Map;

/**
 * Counts of a dataset's working set, for {@code dataset show} and the page's header.
 *
 * @param rows          rows in the working set (deleted rows not counted)
 * @param byStatus      rows per curation status (every status present, zero included)
 * @param bySplit       rows per split: {@code train}, {@code validation}, {@code test}, {@code none}
 * @param byContributor rows per contributor, most first ({@code null} contributor = none recorded), at most
 *                      {@link DatasetOverviews#MAX_CONTRIBUTORS}
 * @param contributors  distinct contributors in all (including "none" if any row has no contributor)
 */
public record DatasetOverview(long rows, Map<RowStatus, Long> byStatus, Map<String, Long> bySplit,
                              List<UseExclusions.ContributorCount> byContributor, long contributors) {

    public DatasetOverview {
        byStatus = Map.copyOf(byStatus);
        bySplit = Map.copyOf(bySplit);
        byContributor = List.copyOf(byContributor);
    }
}
