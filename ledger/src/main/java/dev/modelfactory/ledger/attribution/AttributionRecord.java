package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of the studio's attribution records: a Java record with its EIP-712 struct type.
 *
 * <p>{@link #toTypedData} and {@link AttributionRecords#fromTypedData} round-trip exactly: the JSON a record
 * gives is the JSON it is read back from (members in type order, hashes lowercase, addresses EIP-55).
 */
public sealed interface AttributionRecord
        permits DataContribution, DatasetVersionRecord, TrainingRun, BenchmarkResult, OutputAttribution, Claim {

    /** The EIP-712 primary type, e.g. {@code DataContribution}. */
    String primaryType();

    /** The struct types the record needs (its own and nested ones), without {@code EIP712Domain}. */
    Map<String, List<Eip712Field>> types();

    /** The EIP-712 message. */
    ObjectNode message();

    /** The address (EIP-55) that must sign this record: its curator, trainer, attester, contributor... */
    String signer();

    /** The typed data to sign under {@code domain}. */
    default TypedData toTypedData(Eip712Domain domain) {
        return TypedData.of(domain, primaryType(), types(), message());
    }

    /** The message without a JSON library: a fresh object node. */
    static ObjectNode object() {
        return TypedData.JSON.createObjectNode();
    }
}
