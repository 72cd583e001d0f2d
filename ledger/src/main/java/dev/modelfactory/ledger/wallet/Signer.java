package dev.modelfactory.ledger.wallet;

import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.TypedData;

/**
 * Who signs: an account's key behind a seam, so that a hardware wallet can implement it later. A Signer
 * knows nothing of networks or transports; it turns 32-byte digests into signatures.
 *
 * <p>Implementations must refuse (with {@link WalletLockedException}) when their key is locked, and must
 * never put key material into exceptions or {@code toString}.
 */
public interface Signer {

    /** The signer's address, EIP-55. */
    String address();

    /**
     * Signs a 32-byte digest as is (no Ethereum message prefix, no further hashing).
     *
     * @throws WalletLockedException if the key is locked
     */
    Signature signDigest(byte[] digest);

    /** Signs EIP-712 typed data: the signature MetaMask's {@code eth_signTypedData_v4} gives. */
    default Signature signTypedData(TypedData data) {
        return signDigest(data.digest());
    }
}
