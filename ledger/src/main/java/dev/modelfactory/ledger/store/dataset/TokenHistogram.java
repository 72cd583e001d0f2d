package dev.modelfactory.ledger.store.dataset;

import java.util.List;

/**
 * Token lengths of a dataset's rows in equal-width bins, for the chart.
 *
 * @param bins      from the shortest counted row to the longest, consecutive, none missing (empty bins
 *                  have 0 rows); empty if no row has a token count yet
 * @param uncounted rows matching the filter without a token count (not checked yet)
 */
public record TokenHistogram(List<Bin> bins, long uncounted) {

    public TokenHistogram {
        bins = List.copyOf(bins);
    }

    /**
     * @param from first token count in the bin
     * @param to   one past the last
     * @param rows rows with {@code from <= tokens < to}
     */
    public record Bin(long from, long to, long rows) {
    }
}
