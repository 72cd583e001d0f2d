package dev.modelfactory.ledger.store.dataset;

import java.util.Locale;

/** A row's curation state. Rejected rows stay in the dataset (undo-able) but are left out of versions. */
public enum RowStatus {
    /** Imported, not reviewed yet; included in versions. */
    PENDING,
    /** Reviewed and kept. */
    ACCEPTED,
    /** Reviewed and left out of versions. */
    REJECTED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RowStatus ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
