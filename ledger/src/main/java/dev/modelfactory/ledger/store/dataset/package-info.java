/**
 * Datasets in the workspace database: rows with their contributor, licence and allowed uses, batched
 * imports with reports, paged queries, exact-duplicate detection, splits, frozen versions named by a
 * Merkle root, diffs and permission counts, and the curation checks ({@code runChecks}: flags per row as
 * a bit mask, PII spans, near-duplicate clusters) with the aggregates behind the page's charts. The entry point is
 * {@link dev.modelfactory.ledger.store.dataset.DatasetStore}.
 *
 * <p>Part of {@code ledger.store} (the only place allowed to touch JDBC); the row model, parsers and
 * hashes it stores come from {@code ledger.dataset}. No call here ever holds all rows of a dataset in
 * memory: imports commit in batches, queries are paged, freezing streams rows through the Merkle tree.
 */
package dev.modelfactory.ledger.store.dataset;
