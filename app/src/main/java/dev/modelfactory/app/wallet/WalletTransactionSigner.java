package dev.modelfactory.app.wallet;

import dev.modelfactory.ledger.chain.TransactionSigner;
import dev.modelfactory.ledger.wallet.Signer;

/**
 * The wallet's {@link Signer} as the chain package's {@link TransactionSigner}: the wallet signs the
 * transaction digest as is and gives {@code r || s || v} with v 27/28, which is exactly the chain ADR's
 * contract. The key never leaves the wallet; a locked account refuses as the signer does.
 */
public final class WalletTransactionSigner implements TransactionSigner {

    private final Signer signer;

    public WalletTransactionSigner(Signer signer) {
        this.signer = signer;
    }

    @Override
    public String address() {
        return signer.address();
    }

    @Override
    public byte[] signDigest(byte[] digest) {
        return signer.signDigest(digest).bytes();
    }

    @Override
    public String toString() {
        return "WalletTransactionSigner[" + signer.address() + "]";
    }
}
