package dev.modelfactory.ledger.dataset;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a contributor allows their rows to be used for. A row whose contributor did not allow a use is
 * left out of it (and the studio says how many rows and whose).
 *
 * <p>Stored as a bit mask, bit = {@code 1 << ordinal()}: never reorder these constants, only append.
 */
public enum Use {
    /** Fine-tuning on the row. */
    TRAIN,
    /** Evaluating models on the row. */
    EVAL,
    /** Naming the contributor in public attribution records. */
    ATTRIBUTION_PUBLIC,
    /** Any of the above for commercial purposes. */
    COMMERCIAL;

    /** The bit of this use in a mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The mask of a set of uses. */
    public static int mask(Set<Use> uses) {
        int m = 0;
        for (Use u : uses) {
            m |= u.bit();
        }
        return m;
    }

    /** The uses in a mask. */
    public static Set<Use> ofMask(int mask) {
        EnumSet<Use> out = EnumSet.noneOf(Use.class);
        for (Use u : values()) {
            if ((mask & u.bit()) != 0) {
                out.add(u);
            }
        }
        return out;
    }
}
