package dev.modelfactory.ledger.store.dataset;

/**
 * Rows per category, for a chart: a contributor, a tag or a split.
 *
 * @param name the category; null for rows without one (no contributor, untagged, unsplit)
 * @param rows how many rows
 */
public record CategoryCount(String name, long rows) {
}
