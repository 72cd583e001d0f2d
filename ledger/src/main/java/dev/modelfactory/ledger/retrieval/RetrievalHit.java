package dev.modelfactory.ledger.retrieval;

import java.util.Objects;

/**
 * One row a query retrieved, best first in a result list.
 *
 * @param rowId       the workspace-local row id (as frozen in the version)
 * @param rowHash     the row's identity hash, what attribution records name
 * @param contributor who contributed the row, or "" when the import named no one
 * @param text        the row's text as indexed: its messages' contents and raw text, one per line
 * @param score       the BM25 score of the row for the query (larger is better; only comparable within one query)
 */
public record RetrievalHit(long rowId, String rowHash, String contributor, String text, float score) {

    public RetrievalHit {
        Objects.requireNonNull(rowHash, "rowHash");
        contributor = contributor == null ? "" : contributor;
        Objects.requireNonNull(text, "text");
    }
}
