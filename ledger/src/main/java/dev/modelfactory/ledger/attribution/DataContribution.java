package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows one contributor gave to a dataset version, under one licence and set of allowed uses.
 *
 * @param contributor    wallet address (lowercase) or name, as the dataset records it
 * @param dataset        the dataset's name
 * @param datasetVersion the version root (Merkle root over all its rows)
 * @param rowsRoot       Merkle root over this contributor's rows of that version (same tree as the version's)
 * @param rowCount       how many rows
 * @param licence        SPDX id or free text; empty if none was given
 * @param allowedUses    e.g. {@code train}, {@code eval}, {@code attribution_public}, {@code commercial}
 * @param attester       who signs: the curator who attests the version
 */
public record DataContribution(String contributor, String dataset, String datasetVersion, String rowsRoot, long rowCount,
                               String licence, List<String> allowedUses, String attester) implements AttributionRecord {

    public static final String TYPE = "DataContribution";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("contributor", "string"),
            new Eip712Field("dataset", "string"), new Eip712Field("datasetVersion", "bytes32"),
            new Eip712Field("rowsRoot", "bytes32"), new Eip712Field("rowCount", "uint64"),
            new Eip712Field("licence", "string"), new Eip712Field("allowedUses", "string[]"),
            new Eip712Field("attester", "address"));

    public DataContribution {
        Values.text("contributor", contributor);
        Values.text("dataset", dataset);
        datasetVersion = Values.bytes32("datasetVersion", datasetVersion);
        rowsRoot = Values.bytes32("rowsRoot", rowsRoot);
        if (rowCount < 0) {
            throw new TypedDataException("record member 'rowCount' must be >= 0");
        }
        licence = licence == null ? "" : licence;
        allowedUses = List.copyOf(allowedUses);
        attester = Values.address("attester", attester);
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
        ObjectNode m = AttributionRecord.object();
        m.put("contributor", contributor).put("dataset", dataset).put("datasetVersion", datasetVersion)
                .put("rowsRoot", rowsRoot).put("rowCount", rowCount).put("licence", licence);
        allowedUses.forEach(m.putArray("allowedUses")::add);
        m.put("attester", attester);
        return m;
    }

    @Override
    public String signer() {
        return attester;
    }

    static DataContribution from(JsonNode m) {
        return new DataContribution(Values.string(m, "contributor"), Values.string(m, "dataset"),
                Values.string(m, "datasetVersion"), Values.string(m, "rowsRoot"), Values.uint(m, "rowCount"),
                Values.string(m, "licence"), Values.strings(m, "allowedUses"), Values.string(m, "attester"));
    }
}
