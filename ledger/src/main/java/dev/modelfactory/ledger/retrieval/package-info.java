/**
 * Retrieval over a frozen dataset version: a Lucene BM25 index of each row's text (its messages joined),
 * with the row id, row hash and contributor stored beside it, so a query returns the rows that best match
 * it and whose rows they are.
 *
 * <p>Why here: the index is derived from a version's rows (read through
 * {@link dev.modelfactory.ledger.store.dataset.DatasetStore}'s public API; this package never touches JDBC)
 * and lives in the workspace folder beside the database. One index per version; a version never changes,
 * so an index once built is never updated, only rebuilt when missing or of an older format (ADR 0011).
 * Only rows whose contributor allowed {@link RetrievalIndexBuilder#USE} are indexed.
 */
package dev.modelfactory.ledger.retrieval;
