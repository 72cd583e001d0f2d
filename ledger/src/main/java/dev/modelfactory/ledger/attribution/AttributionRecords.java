package dev.modelfactory.ledger.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reading the studio's records back from typed data. */
public final class AttributionRecords {

    private record Kind(Map<String, List<Eip712Field>> types, Function<JsonNode, AttributionRecord> reader) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(DataContribution.TYPE, new Kind(Map.of(DataContribution.TYPE, DataContribution.FIELDS), DataContribution::from));
        KINDS.put(DatasetVersionRecord.TYPE, new Kind(Map.of(DatasetVersionRecord.TYPE, DatasetVersionRecord.FIELDS),
                DatasetVersionRecord::from));
        KINDS.put(TrainingRun.TYPE, new Kind(Map.of(TrainingRun.TYPE, TrainingRun.FIELDS), TrainingRun::from));
        KINDS.put(BenchmarkResult.TYPE, new Kind(Map.of(BenchmarkResult.TYPE, BenchmarkResult.FIELDS), BenchmarkResult::from));
        KINDS.put(OutputAttribution.TYPE, new Kind(Map.of(OutputAttribution.TYPE, OutputAttribution.FIELDS,
                OutputAttribution.SHARE_TYPE, OutputAttribution.SHARE_FIELDS), OutputAttribution::from));
        KINDS.put(Claim.TYPE, new Kind(Map.of(Claim.TYPE, Claim.FIELDS), Claim::from));
    }

    private AttributionRecords() {
    }

    /** The primary types of the studio's records. */
    public static List<String> primaryTypes() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * The record that {@code data} holds, if its primary type is one of the studio's.
     *
     * @throws TypedDataException if the primary type is a studio record type but its type definitions differ
     *                            from the studio's, or the message does not fit the record (member named)
     */
    public static Optional<AttributionRecord> fromTypedData(TypedData data) {
        Kind kind = KINDS.get(data.primaryType());
        if (kind == null) {
            return Optional.empty();
        }
        Map<String, List<Eip712Field>> declared = new LinkedHashMap<>(data.types());
        declared.remove("EIP712Domain");
        if (!declared.equals(kind.types())) {
            throw new TypedDataException("typed data declares " + data.primaryType()
                    + " with other members than the studio's record type");
        }
        AttributionRecord record = kind.reader().apply(data.message());
        if (!TypedData.JSON.writeValueAsString(record.message()).equals(TypedData.JSON.writeValueAsString(data.message()))) {
            throw new TypedDataException(data.primaryType() + " message is not in canonical form"
                    + " (members in type order, hashes lowercase, addresses EIP-55)");
        }
        return Optional.of(record);
    }
}
