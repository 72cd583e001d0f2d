package dev.modelfactory.ledger.chain;

import java.math.BigInteger;

/**
 * A transaction this package sent and saw mined successfully.
 *
 * @param hash            transaction hash
 * @param blockNumber     block it was mined in
 * @param gasUsed         gas it used
 * @param type            envelope it was sent with ({@link TransactionMode#EIP1559} or {@link TransactionMode#LEGACY})
 * @param nonce           the sender's nonce it used
 * @param contractAddress the created contract's address for a deployment, else null
 */
public record SentTransaction(Hash32 hash, long blockNumber, BigInteger gasUsed, TransactionMode type,
        BigInteger nonce, String contractAddress) {
}
