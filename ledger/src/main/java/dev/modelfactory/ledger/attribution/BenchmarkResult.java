package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An adapter's scores on a benchmark suite.
 *
 * @param adapter    the adapter's hash
 * @param suiteHash  hash of the benchmark suite (tasks and data)
 * @param scoresHash hash of the scores
 * @param evaluator  who signs
 */
public record BenchmarkResult(String adapter, String suiteHash, String scoresHash, String evaluator)
        implements AttributionRecord {

    public static final String TYPE = "BenchmarkResult";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("adapter", "bytes32"),
            new Eip712Field("suiteHash", "bytes32"), new Eip712Field("scoresHash", "bytes32"),
            new Eip712Field("evaluator", "address"));

    public BenchmarkResult {
        adapter = Values.bytes32("adapter", adapter);
        suiteHash = Values.bytes32("suiteHash", suiteHash);
        scoresHash = Values.bytes32("scoresHash", scoresHash);
        evaluator = Values.address("evaluator", evaluator);
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
        return AttributionRecord.object().put("adapter", adapter).put("suiteHash", suiteHash)
                .put("scoresHash", scoresHash).put("evaluator", evaluator);
    }

    @Override
    public String signer() {
        return evaluator;
    }

    static BenchmarkResult from(JsonNode m) {
        return new BenchmarkResult(Values.string(m, "adapter"), Values.string(m, "suiteHash"),
                Values.string(m, "scoresHash"), Values.string(m, "evaluator"));
    }
}
