package dev.modelfactory.ledger.chain;

/**
 * The registry's {@code Anchored} event as decoded from a transaction receipt's log.
 *
 * @param transactionHash the transaction that emitted it
 * @param blockNumber     the block it was mined in
 */
public record AnchoredEvent(Hash32 root, String submitter, Hash32 workspaceId, long firstEntry, long lastEntry,
        Hash32 transactionHash, long blockNumber) {
}
