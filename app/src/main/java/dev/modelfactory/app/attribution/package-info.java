/**
 * Attribution services of the app: which contributors' rows shaped an output. Shared by several kinds of
 * evidence (gradient influence, verbatim spans, retrieval citations); each lives in its own files.
 *
 * <p>Retrieval: {@link dev.modelfactory.app.attribution.RetrievalService} indexes a frozen dataset version
 * for BM25 retrieval (ledger.retrieval, ADR 0011) and answers queries with the rows, their scores and
 * contributors; the playground's grounded generation cites what it retrieved.
 */
package dev.modelfactory.app.attribution;
