package dev.modelfactory.ledger.store.wallet;

import java.time.Instant;

/**
 * The workspace's mnemonic, encrypted.
 *
 * @param keystoreJson keystore v3 JSON whose secret is the BIP-39 entropy
 * @param wordCount    12 or 24
 * @param createdAt    when it was stored
 */
public record StoredSeed(String keystoreJson, int wordCount, Instant createdAt) {

    @Override
    public String toString() {
        return "StoredSeed[" + wordCount + " words]";
    }
}
