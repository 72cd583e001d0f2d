package dev.modelfactory.ledger.chain;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * Signs transactions for this package without handing it the key: the wallet's {@code Signer}
 * (software key now, a hardware wallet later) is adapted to this interface by the caller.
 *
 * <p>The contract is plain secp256k1 over a digest this package computed (keccak256 of the unsigned
 * transaction encoding, no "\x19Ethereum Signed Message" prefix, no second hash). The client recovers
 * the address from every signature and refuses to send one that does not match {@link #address()}.
 */
public interface TransactionSigner {

    /** The account that pays and signs, as a 0x-prefixed 20-byte hex address (any case). */
    String address();

    /**
     * Signs a 32-byte digest as is.
     *
     * @return 65 bytes {@code r || s || v} with {@code v} 27 or 28 (0 or 1 is accepted too)
     */
    byte[] signDigest(byte[] digest);

    /**
     * A signer over web3j credentials the caller already holds (tests use ganache's deterministic
     * accounts this way). The key stays in the caller's object; nothing is copied out of it.
     */
    static TransactionSigner of(Credentials credentials) {
        return new TransactionSigner() {
            @Override
            public String address() {
                return credentials.getAddress();
            }

            @Override
            public byte[] signDigest(byte[] digest) {
                Sign.SignatureData s = Sign.signMessage(digest, credentials.getEcKeyPair(), false);
                byte[] out = new byte[65];
                System.arraycopy(s.getR(), 0, out, 0, 32);
                System.arraycopy(s.getS(), 0, out, 32, 32);
                out[64] = (byte) new BigInteger(1, s.getV()).intValueExact();
                return out;
            }
        };
    }
}
