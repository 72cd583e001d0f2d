package dev.modelfactory.ledger.store.pipeline;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** A step's outputs as the JSON array kept in {@code pipeline_step.outputs_json}. */
final class OutputsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutputsJson() {
    }

    static String write(List<OutputRef> outputs) {
        ArrayNode a = JSON.createArrayNode();
        for (OutputRef o : outputs) {
            a.addObject().put("name", o.name()).put("kind", o.kind().name()).put("ref", o.ref()).put("hash", o.hash())
                    .put("label", o.label());
        }
        return a.toString();
    }

    static List<OutputRef> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<OutputRef> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) {
                out.add(new OutputRef(n.get("name").asString(), OutputKind.valueOf(n.get("kind").asString()),
                        n.get("ref").asString(), n.get("hash").asString(), n.path("label").asString(null)));
            }
            return out;
        } catch (JacksonException e) {
            throw new IllegalStateException("pipeline_step.outputs_json: not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
