package dev.modelfactory.ledger.dataset;

import java.util.Locale;

/** Who speaks a {@link Message}; the four roles every chat template knows. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The lowercase spelling used in payload JSON, hashes and exports: {@code system}, {@code user}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wire()} spelling (any case). */
    public static Role ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
