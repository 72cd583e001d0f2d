package dev.modelfactory.ledger.wallet;

import java.time.Instant;
import java.util.Optional;

/**
 * A wallet account as the UI and CLI show it (no key material).
 *
 * @param address         EIP-55
 * @param name            unique in the workspace
 * @param source          {@code mnemonic}, {@code private-key} or {@code keystore}
 * @param derivationIndex i of {@code m/44'/60'/0'/0/i} for accounts derived from the workspace's mnemonic
 * @param createdAt       when it was added
 */
public record Account(String address, String name, String source, Optional<Integer> derivationIndex, Instant createdAt) {

    /** The BIP-32 path, for derived accounts. */
    public Optional<String> path() {
        return derivationIndex.map(HdDerivation::path);
    }

    /** The identicon of the address. */
    public Identicon identicon() {
        return Identicon.of(address);
    }
}
