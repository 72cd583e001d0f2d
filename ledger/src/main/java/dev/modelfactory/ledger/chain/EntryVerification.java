package dev.modelfactory.ledger.chain;

import java.util.Optional;

/**
 * The answer to "is this entry in a batch anchored on chain?".
 *
 * @param status        the verdict
 * @param anchor        the registry's record of the root, when the root is anchored
 * @param confirmations blocks from the anchor's block to the chain head, inclusive (0 when not anchored)
 * @param detail        one line for the user saying why
 */
public record EntryVerification(Status status, Optional<AnchorRecord> anchor, long confirmations, String detail) {

    /** The verdict. */
    public enum Status {
        /** The root is anchored, the entry is in its range and the proof leads to the root. */
        VERIFIED,
        /** The registry has no record of the root. */
        NOT_ANCHORED,
        /** The root is anchored but its declared range does not contain the entry. */
        OUTSIDE_RANGE,
        /** The root is anchored but the proof does not lead from the leaf to it (tampered entry or proof). */
        PROOF_MISMATCH
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
