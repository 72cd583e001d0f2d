package dev.modelfactory.ledger.store.dataset;

/**
 * The kinds of curation operation kept in a dataset's history; each can be undone and redone.
 *
 * <p>Stored by name in {@code curation_op.kind}: never rename a constant, only add.
 */
public enum CurationKind {
    /** A row's content (messages, text, tools) replaced; its row hash changes, source and terms stay. */
    EDIT(Facet.CONTENT),
    /** A tag added to rows that lacked it. */
    ADD_TAG(Facet.TAGS),
    /** A tag removed from rows that carried it. */
    REMOVE_TAG(Facet.TAGS),
    /** Rows set to pending, accepted or rejected. */
    SET_STATUS(Facet.STATUS),
    /** Rows taken out of the working set (kept, so undo brings them back; frozen versions keep them). */
    DELETE(Facet.LIVE),
    /** Every exact duplicate but one per group rejected. */
    REJECT_DUPLICATES(Facet.STATUS),
    /** One row of an exact-duplicate group kept, the others of its group rejected. */
    KEEP_ONE(Facet.STATUS),
    /** Train/validation/test assigned by ratio and seed (optionally stratified by tag). */
    SPLIT(Facet.SPLIT),
    /** Every near-duplicate but the first of each cluster of the last check rejected. */
    REJECT_NEAR_DUPLICATES(Facet.STATUS),
    /** One row of a near-duplicate cluster kept, the others of its cluster rejected. */
    KEEP_ONE_NEAR(Facet.STATUS);

    private final Facet facet;

    CurationKind(Facet facet) {
        this.facet = facet;
    }

    Facet facet() {
        return facet;
    }

    /** Which part of a row an operation changes: one set of before/after columns in the history. */
    enum Facet {
        STATUS("status"), TAGS("tags"), SPLIT("split"), LIVE("live"), CONTENT(null);

        /** The column suffix in {@code curation_op_row} (and, except LIVE, the dataset_row column). */
        final String column;

        Facet(String column) {
            this.column = column;
        }
    }
}
