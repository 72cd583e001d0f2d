/**
 * The workspace's append-only, hash-chained attribution log, its Merkle batches and offline-verifiable
 * bundles.
 *
 * <p>Entry hash ({@link dev.modelfactory.ledger.log.EntryHash}), all integers big-endian:
 * <pre>
 * entryHash = keccak256( uint64 seq || prevHash (32) || keccak256(utf8 recordType)
 *                        || keccak256(utf8 typedDataJson) || signature (65) || signer (20) || uint64 createdAtMillis )
 * </pre>
 * {@code prevHash} of entry 1 is 32 zero bytes. Batch Merkle tree ({@link dev.modelfactory.ledger.log.MerkleBatch}):
 * {@code leaf = keccak256(0x00 || entryHash)}, {@code node = keccak256(0x01 || left || right)}, RFC 6962 shape
 * (left subtree = largest power of two below n). The 0x00/0x01 prefixes keep a leaf from passing for an
 * inner node (second-preimage attack).
 */
package dev.modelfactory.ledger.log;
