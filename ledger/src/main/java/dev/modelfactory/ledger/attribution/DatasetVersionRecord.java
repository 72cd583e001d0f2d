package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EIP-712 {@code DatasetVersion}: a curator vouches for a frozen dataset version. (Named ...Record in Java so
 * it does not clash with {@code ledger.store.dataset.DatasetVersion}.)
 *
 * @param dataset        the dataset's name
 * @param versionRoot    the version's Merkle root
 * @param parentVersion  the previous version's root, or 32 zero bytes for the first
 * @param curator        who signs
 * @param operationsHash hash of the curation operations that led here, or 32 zero bytes if none are recorded
 */
public record DatasetVersionRecord(String dataset, String versionRoot, String parentVersion, String curator,
                                   String operationsHash) implements AttributionRecord {

    public static final String TYPE = "DatasetVersion";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("dataset", "string"),
            new Eip712Field("versionRoot", "bytes32"), new Eip712Field("parentVersion", "bytes32"),
            new Eip712Field("curator", "address"), new Eip712Field("operationsHash", "bytes32"));

    public DatasetVersionRecord {
        Values.text("dataset", dataset);
        versionRoot = Values.bytes32("versionRoot", versionRoot);
        parentVersion = Values.bytes32("parentVersion", parentVersion == null ? Values.ZERO32 : parentVersion);
        curator = Values.address("curator", curator);
        operationsHash = Values.bytes32("operationsHash", operationsHash == null ? Values.ZERO32 : operationsHash);
    }

    @Override
    public String primaryType() {
        return TYPE;
    }

    @Override
    public Map<String, List<Eip712Field>> types() {
        return Map.of(TYPE, FIELDS);
    }

    @Override
    public ObjectNode message() {
        return AttributionRecord.object().put("dataset", dataset).put("versionRoot", versionRoot)
                .put("parentVersion", parentVersion).put("curator", curator).put("operationsHash", operationsHash);
    }

    @Override
    public String signer() {
        return curator;
    }

    static DatasetVersionRecord from(JsonNode m) {
        return new DatasetVersionRecord(Values.string(m, "dataset"), Values.string(m, "versionRoot"),
                Values.string(m, "parentVersion"), Values.string(m, "curator"), Values.string(m, "operationsHash"));
    }
}
