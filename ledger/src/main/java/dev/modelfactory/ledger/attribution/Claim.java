package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contributor claims records as theirs, signing with the wallet the records name.
 *
 * @param contributor who claims and signs
 * @param records     the claimed records' ids: their EIP-712 digests ({@link TypedData#digest()})
 */
public record Claim(String contributor, List<String> records) implements AttributionRecord {

    public static final String TYPE = "Claim";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("contributor", "address"),
            new Eip712Field("records", "bytes32[]"));

    public Claim {
        contributor = Values.address("contributor", contributor);
        if (records.isEmpty()) {
            throw new TypedDataException("record member 'records': a claim names at least one record");
        }
        records = records.stream().map(r -> Values.bytes32("records", r)).toList();
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
        ObjectNode m = AttributionRecord.object().put("contributor", contributor);
        ArrayNode a = m.putArray("records");
        records.forEach(a::add);
        return m;
    }

    @Override
    public String signer() {
        return contributor;
    }

    static Claim from(JsonNode m) {
        return new Claim(Values.string(m, "contributor"), Values.strings(m, "records"));
    }
}
