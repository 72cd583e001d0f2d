package dev.modelfactory.studio.provenance;

import java.util.Objects;

/**
 * A training row named as evidence: an influence top row (score = influence), a retrieval citation (score =
 * BM25) or a row holding a span (score = how often the span occurs in it, or 0 when not counted).
 *
 * @param rowId       the row's id in the workspace's datasets
 * @param contributor who contributed the row
 * @param score       the evidence's own score (its meaning depends on the kind of evidence)
 * @param snippet     the start of the row's text, for display
 */
public record EvidenceRow(long rowId, String contributor, double score, String snippet) {

    public EvidenceRow {
        Objects.requireNonNull(contributor, "contributor");
        snippet = snippet == null ? "" : snippet;
    }
}
