package dev.modelfactory.studio.attribution;

import java.time.Instant;
import java.util.Optional;

/**
 * A sealed batch and, when the chain was asked, whether its root is anchored.
 *
 * @param firstSeq  first entry
 * @param lastSeq   last entry (inclusive)
 * @param root      Merkle root
 * @param sealedAt  when it was sealed
 * @param anchor    "anchored in block 12 by 0x..., 2026-11-25T..." / "not anchored"; empty when not checked
 */
public record BatchStatus(long firstSeq, long lastSeq, String root, Instant sealedAt, Optional<String> anchor) {
}
