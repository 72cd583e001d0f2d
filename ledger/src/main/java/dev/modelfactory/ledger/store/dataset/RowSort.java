package dev.modelfactory.ledger.store.dataset;

/** Orders for paged row queries; every order ends with the row id so pages never overlap. */
public enum RowSort {
    /** Import order. */
    INSERTION("r.id"),
    /** Newest first. */
    INSERTION_DESC("r.id DESC"),
    /** Shortest content first. */
    LENGTH("r.content_length, r.id"),
    /** Longest content first. */
    LENGTH_DESC("r.content_length DESC, r.id"),
    /** By contributor (rows without one first), then import order. */
    CONTRIBUTOR("r.contributor NULLS FIRST, r.id"),
    /** Fewest tokens first (rows not counted yet first), as the last check counted them. */
    TOKENS("r.token_count NULLS FIRST, r.id"),
    /** Most tokens first (rows not counted yet last). */
    TOKENS_DESC("r.token_count DESC NULLS LAST, r.id");

    final String sql;

    RowSort(String sql) {
        this.sql = sql;
    }
}
