package dev.modelfactory.ledger.chain;

import java.time.Instant;

/**
 * What the registry stores for an anchored root: who anchored it, when (block and block time), and the
 * entry range and workspace the submitter declared. The first anchor of a root wins; later anchors of
 * the same root do not change it.
 */
public record AnchorRecord(Hash32 root, String submitter, long blockNumber, Instant blockTime, long firstEntry,
        long lastEntry, Hash32 workspaceId) {

    /** Whether {@code entry} lies in this batch's declared range. */
    public boolean covers(long entry) {
        return entry >= firstEntry && entry <= lastEntry;
    }
}
