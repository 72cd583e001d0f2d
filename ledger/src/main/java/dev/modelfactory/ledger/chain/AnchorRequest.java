package dev.modelfactory.ledger.chain;

import java.util.Objects;

/**
 * One ledger batch to anchor: its Merkle root and the entries it covers.
 *
 * @param root        the batch's Merkle root (not zero)
 * @param firstEntry  first ledger entry in the batch (inclusive, >= 0)
 * @param lastEntry   last ledger entry in the batch (inclusive, >= firstEntry)
 * @param workspaceId which workspace's ledger this is (any 32 bytes the caller chooses; zero allowed)
 */
public record AnchorRequest(Hash32 root, long firstEntry, long lastEntry, Hash32 workspaceId) {

    public AnchorRequest {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (root.isZero()) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "batch root is all zeros");
        }
        if (firstEntry < 0 || lastEntry < firstEntry) {
            throw new ChainException(ChainException.Reason.BAD_INPUT,
                    "batch entry range must be 0 <= first <= last, got " + firstEntry + ".." + lastEntry);
        }
    }
}
