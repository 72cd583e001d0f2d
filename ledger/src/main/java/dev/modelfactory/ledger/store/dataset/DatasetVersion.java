package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.SplitSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * A frozen, immutable version of a dataset. Its id is {@code root}, the Merkle root over its rows
 * ({@link dev.modelfactory.ledger.dataset.MerkleTree}); training runs and attribution records refer to it.
 *
 * @param datasetId  the dataset it was frozen from
 * @param root       Merkle root, 64 lowercase hex characters
 * @param rowCount   rows in the version
 * @param createdAt  when it was frozen
 * @param parentRoot the dataset's previous version, if any
 * @param label      a user label, or null
 * @param split      the split spec applied when freezing, if one was
 */
public record DatasetVersion(long datasetId, String root, long rowCount, Instant createdAt,
                             Optional<String> parentRoot, String label, Optional<SplitSpec> split) {

    /** The first 12 hex characters of the root, for lists and messages. */
    public String shortRoot() {
        return root.substring(0, 12);
    }
}
