package dev.modelfactory.ledger.chain;

import java.util.Optional;

/**
 * The outcome of anchoring a batch.
 *
 * @param outcome     whether this call stored the root or found it already anchored
 * @param record      the registry's record of the root (the earlier one when already anchored)
 * @param event       the decoded {@code Anchored} event when this call stored the root
 * @param transaction the transaction this call sent, absent when nothing was sent
 */
public record AnchorResult(Outcome outcome, AnchorRecord record, Optional<AnchoredEvent> event,
        Optional<SentTransaction> transaction) {

    /** Whether the call changed the chain. */
    public enum Outcome {
        /** This call's transaction stored the root. */
        ANCHORED,
        /** The root was already anchored (by an earlier call, or by anyone); nothing or a no-op was sent. */
        ALREADY_ANCHORED
    }
}
