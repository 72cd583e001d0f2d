package dev.modelfactory.ledger.log;

/**
 * What {@link Bundles#importBundle} did.
 *
 * @param entries  entries in the bundle (all verified)
 * @param added    entries new to this workspace (the others were imported before)
 * @param firstSeq the first entry's seq in the source log
 * @param lastSeq  the last entry's seq in the source log
 * @param root     the bundle's Merkle root
 */
public record ImportResult(int entries, int added, long firstSeq, long lastSeq, String root) {
}
