package dev.modelfactory.ledger.attribution;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who gets credit for one model output: contributors with shares in basis points that sum to 10000.
 *
 * @param outputHash   hash of the output
 * @param adapter      the adapter that produced it
 * @param contributors distinct contributors with their shares
 * @param attester     who signs
 */
public record OutputAttribution(String outputHash, String adapter, List<Share> contributors, String attester)
        implements AttributionRecord {

    /** Total of all shares: 100.00 %. */
    public static final int TOTAL_BPS = 10_000;
    public static final String TYPE = "OutputAttribution";
    public static final String SHARE_TYPE = "Share";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("outputHash", "bytes32"),
            new Eip712Field("adapter", "bytes32"), new Eip712Field("contributors", "Share[]"),
            new Eip712Field("attester", "address"));
    public static final List<Eip712Field> SHARE_FIELDS = List.of(new Eip712Field("contributor", "string"),
            new Eip712Field("shareBps", "uint16"));

    /** One contributor's share, in basis points (1/100 of a percent). */
    public record Share(String contributor, int shareBps) {
        public Share {
            Values.text("contributors.contributor", contributor);
            if (shareBps <= 0 || shareBps > TOTAL_BPS) {
                throw new TypedDataException("record member 'contributors.shareBps' must be 1..10000, got " + shareBps);
            }
        }
    }

    public OutputAttribution {
        outputHash = Values.bytes32("outputHash", outputHash);
        adapter = Values.bytes32("adapter", adapter);
        contributors = List.copyOf(contributors);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Share s : contributors) {
            if (!seen.add(s.contributor())) {
                throw new TypedDataException("record member 'contributors' names '" + s.contributor() + "' twice");
            }
            total += s.shareBps();
        }
        if (total != TOTAL_BPS) {
            throw new TypedDataException("record member 'contributors': shares sum to " + total + " basis points, not 10000");
        }
        attester = Values.address("attester", attester);
    }

    @Override
    public String primaryType() {
        return TYPE;
    }

    @Override
    public Map<String, List<Eip712Field>> types() {
        Map<String, List<Eip712Field>> t = new LinkedHashMap<>();
        t.put(TYPE, FIELDS);
        t.put(SHARE_TYPE, SHARE_FIELDS);
        return t;
    }

    @Override
    public ObjectNode message() {
        ObjectNode m = AttributionRecord.object().put("outputHash", outputHash).put("adapter", adapter);
        ArrayNode a = m.putArray("contributors");
        contributors.forEach(s -> a.addObject().put("contributor", s.contributor()).put("shareBps", s.shareBps()));
        m.put("attester", attester);
        return m;
    }

    @Override
    public String signer() {
        return attester;
    }

    static OutputAttribution from(JsonNode m) {
        JsonNode list = m.path("contributors");
        if (!list.isArray()) {
            throw new TypedDataException("record member 'contributors' is missing or not an array");
        }
        List<Share> shares = new java.util.ArrayList<>();
        for (JsonNode s : list) {
            long bps = Values.uint(s, "shareBps");
            shares.add(new Share(Values.string(s, "contributor"), (int) Math.min(bps, Integer.MAX_VALUE)));
        }
        return new OutputAttribution(Values.string(m, "outputHash"), Values.string(m, "adapter"), shares,
                Values.string(m, "attester"));
    }
}
