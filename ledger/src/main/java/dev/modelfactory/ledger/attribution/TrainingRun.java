package dev.modelfactory.ledger.attribution;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fine-tuning run: which base model and dataset version, with which configuration, gave which adapter.
 *
 * @param baseModel      the base model's id (sha256, ADR 0003)
 * @param datasetVersion the dataset version root trained on
 * @param configHash     hash of the training configuration
 * @param adapterHash    hash of the adapter produced
 * @param trainer        who signs
 * @param metricsHash    hash of the recorded metrics
 */
public record TrainingRun(String baseModel, String datasetVersion, String configHash, String adapterHash, String trainer,
                          String metricsHash) implements AttributionRecord {

    public static final String TYPE = "TrainingRun";
    public static final List<Eip712Field> FIELDS = List.of(new Eip712Field("baseModel", "bytes32"),
            new Eip712Field("datasetVersion", "bytes32"), new Eip712Field("configHash", "bytes32"),
            new Eip712Field("adapterHash", "bytes32"), new Eip712Field("trainer", "address"),
            new Eip712Field("metricsHash", "bytes32"));

    public TrainingRun {
        baseModel = Values.bytes32("baseModel", baseModel);
        datasetVersion = Values.bytes32("datasetVersion", datasetVersion);
        configHash = Values.bytes32("configHash", configHash);
        adapterHash = Values.bytes32("adapterHash", adapterHash);
        trainer = Values.address("trainer", trainer);
        metricsHash = Values.bytes32("metricsHash", metricsHash);
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
        return AttributionRecord.object().put("baseModel", baseModel).put("datasetVersion", datasetVersion)
                .put("configHash", configHash).put("adapterHash", adapterHash).put("trainer", trainer)
                .put("metricsHash", metricsHash);
    }

    @Override
    public String signer() {
        return trainer;
    }

    static TrainingRun from(JsonNode m) {
        return new TrainingRun(Values.string(m, "baseModel"), Values.string(m, "datasetVersion"),
                Values.string(m, "configHash"), Values.string(m, "adapterHash"), Values.string(m, "trainer"),
                Values.string(m, "metricsHash"));
    }
}
