package dev.modelfactory.ledger.dataset.check;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a check can say about a row; stored as one bit each in a {@code BIGINT} mask, so filters and
 * counts are plain SQL ({@code BITAND(flags, mask)}). Bit positions are persisted: never reorder or
 * reuse them, only append.
 */
public enum RowFlag {
    /** Same normalised text as another row of the dataset not rejected. */
    EXACT_DUPLICATE(0),
    /** In a near-duplicate cluster (MinHash + LSH over word shingles), exact duplicates included. */
    NEAR_DUPLICATE(1),
    /** The last assistant reply is blank, or a chat row has no assistant reply at all. */
    EMPTY_OUTPUT(2),
    /** The last assistant reply looks cut off (see {@link TextChecks#truncationReason}). */
    TRUNCATED_OUTPUT(3),
    /** More tokens than the check's maximum. */
    TOO_LONG(4),
    /** Fewer tokens than the check's minimum. */
    TOO_SHORT(5),
    /** Few letters among the visible characters (symbols, binary, base64 or hex blobs). */
    MOSTLY_NON_TEXT(6),
    /** Any PII kind below. */
    PII(7),
    PII_EMAIL(8),
    PII_PHONE(9),
    PII_CREDIT_CARD(10),
    PII_IBAN(11),
    PII_IP_ADDRESS(12),
    PII_SECRET(13),
    /** Same normalised text as a row of another contributor (matters for attribution). */
    CROSS_CONTRIBUTOR_DUPLICATE(14);

    private final int bit;

    RowFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit in the stored mask. */
    public long mask() {
        return 1L << bit;
    }

    /** The mask of a set of flags. */
    public static long mask(Set<RowFlag> flags) {
        long m = 0;
        for (RowFlag f : flags) {
            m |= f.mask();
        }
        return m;
    }

    /** The flags of a stored mask (unknown bits ignored). */
    public static Set<RowFlag> of(long mask) {
        EnumSet<RowFlag> out = EnumSet.noneOf(RowFlag.class);
        for (RowFlag f : values()) {
            if ((mask & f.mask()) != 0) {
                out.add(f);
            }
        }
        return out;
    }
}
