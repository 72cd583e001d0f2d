package dev.modelfactory.ledger.dataset;

import java.util.Locale;

/**
 * Which part of a dataset a row belongs to. The {@link #code()} is part of a version's Merkle leaves
 * ({@link MerkleTree}): never renumber.
 */
public enum Split {
    TRAIN(1), VALIDATION(2), TEST(3);

    private final int code;

    Split(int code) {
        this.code = code;
    }

    /** The byte that stands for this split in a Merkle leaf; 0 stands for "no split". */
    public int code() {
        return code;
    }

    /** The lowercase spelling used in the database and exports. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wire()} spelling; null stays null. */
    public static Split ofWire(String wire) {
        return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
