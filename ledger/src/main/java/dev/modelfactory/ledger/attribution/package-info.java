/**
 * Attribution records as EIP-712 typed data: the generic {@link dev.modelfactory.ledger.attribution.TypedData}
 * ({@code eth_signTypedData_v4} JSON, strict four-member domain, digest, readable field list), 65-byte
 * {@link dev.modelfactory.ledger.attribution.Signature}s with signer recovery, the six record types
 * (DataContribution, DatasetVersion, TrainingRun, BenchmarkResult, OutputAttribution, Claim), and
 * {@link dev.modelfactory.ledger.attribution.SignedRecord#verify} (valid / invalid / signer unknown).
 *
 * <p>Hashes (dataset versions, rows, models, adapters, configs) are {@code bytes32} written {@code 0x} + 64
 * lowercase hex digits; addresses are EIP-55. Every record names the address that must sign it
 * ({@link dev.modelfactory.ledger.attribution.AttributionRecord#signer()}), so a record can be checked
 * offline from itself and its signature alone.
 */
package dev.modelfactory.ledger.attribution;
