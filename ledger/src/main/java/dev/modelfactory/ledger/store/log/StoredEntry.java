package dev.modelfactory.ledger.store.log;

/**
 * A log row, as stored: nothing is parsed or trusted here.
 *
 * @param seq        1, 2, 3...
 * @param recordType the typed data's primary type
 * @param typedData  canonical {@code eth_signTypedData_v4} JSON
 * @param signature  {@code 0x} + 130 hex digits
 * @param signer     EIP-55 address
 * @param createdAt  epoch milliseconds
 * @param prevHash   the previous entry's {@code entryHash} (32 zero bytes for the first), {@code 0x} + 64 hex
 * @param entryHash  this entry's hash, {@code 0x} + 64 hex
 */
public record StoredEntry(long seq, String recordType, String typedData, String signature, String signer,
                          long createdAt, String prevHash, String entryHash) {

    /** This entry placed at {@code seq} after {@code prevHash}, hash not yet set. */
    public StoredEntry at(long newSeq, String newPrevHash) {
        return new StoredEntry(newSeq, recordType, typedData, signature, signer, createdAt, newPrevHash, null);
    }

    public StoredEntry withHash(String hash) {
        return new StoredEntry(seq, recordType, typedData, signature, signer, createdAt, prevHash, hash);
    }
}
