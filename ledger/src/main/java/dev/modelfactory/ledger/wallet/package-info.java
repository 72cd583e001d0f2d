/**
 * The built-in wallet: BIP-39 mnemonics (create, confirm, seed), accounts derived on MetaMask's path
 * {@code m/44'/60'/0'/0/i}, import of mnemonics, raw private keys and Web3 Secret Storage v3 keystores
 * (scrypt and pbkdf2), keystore export, EIP-55 addresses, identicons, and the {@link
 * dev.modelfactory.ledger.wallet.Signer} seam with its software implementation.
 *
 * <p>Secrets never leave this package unencrypted except as a {@link dev.modelfactory.ledger.wallet.Signer}
 * result (a signature). Private keys and seeds live in {@code byte[]} that are zeroed on lock and after
 * every use; web3j's {@code BigInteger}/{@code ECKeyPair} copies, which cannot be wiped, are created only for
 * the duration of one signature or derivation and dropped at once. No class here has a {@code toString}
 * that shows key material, and exceptions never carry it. Nothing here touches the network or JDBC:
 * {@link dev.modelfactory.ledger.wallet.WalletService} persists through {@code ledger.store.wallet}.
 */
package dev.modelfactory.ledger.wallet;
