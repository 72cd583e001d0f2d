package dev.modelfactory.ledger.store.log;

import java.time.Instant;

/**
 * A sealed batch.
 *
 * @param id        workspace-local id
 * @param firstSeq  first entry
 * @param lastSeq   last entry (inclusive)
 * @param root      Merkle root, {@code 0x} + 64 hex
 * @param createdAt when it was sealed
 */
public record StoredBatch(long id, long firstSeq, long lastSeq, String root, Instant createdAt) {
}
