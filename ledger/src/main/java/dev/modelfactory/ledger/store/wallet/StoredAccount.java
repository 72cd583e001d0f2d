package dev.modelfactory.ledger.store.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * An account row: its address, name and encrypted key.
 *
 * @param address         EIP-55
 * @param name            unique in the workspace
 * @param keystoreJson    keystore v3 JSON of the private key (encrypted)
 * @param source          {@code mnemonic}, {@code private-key} or {@code keystore}
 * @param derivationIndex i of {@code m/44'/60'/0'/0/i} for {@code mnemonic} accounts, else null
 * @param createdAt       when it was added
 */
public record StoredAccount(String address, String name, String keystoreJson, String source, Integer derivationIndex,
                            Instant createdAt) {

    public StoredAccount {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keystoreJson, "keystoreJson");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "StoredAccount[" + name + ", " + address + ", " + source + "]";
    }
}
