package dev.modelfactory.app.pipelines.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.app.pipelines.spec.Plain;
import dev.modelfactory.app.pipelines.spec.TrainFields;
import dev.modelfactory.app.pipelines.spec.YNode;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A train step's config: the defaults {@code train} uses (LoRA rank 8 on q and v, learning rate 2e-4, eval and
 * checkpoint every 50 steps), overlaid with the step's config fields as the train config file names them.
 */
final class TrainConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainConfigs() {
    }

    static TrainingConfig defaults() {
        return TrainingConfig.builder().learningRate(2e-4).evalEvery(50).checkpointEvery(50)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false)).build();
    }

    /** The defaults overlaid with the step's fields; an invalid value fails naming the step's field. */
    static TrainingConfig of(StepContext ctx) {
        TrainingConfig defaults = defaults();
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(defaults.canonicalJson());
            for (Map.Entry<String, YNode> e : ctx.step().fields().entries().entrySet()) {
                String key = e.getKey();
                if (TrainFields.CONFIG.containsKey(key)) {
                    merged.set(key, JSON.valueToTree(number(Plain.value(e.getValue()), TrainFields.CONFIG.get(key))));
                } else if (key.equals("lora")) {
                    Object v = Plain.value(e.getValue());
                    if (v == null) {
                        merged.putNull("lora");
                    } else {
                        ObjectNode lora = merged.get("lora") instanceof ObjectNode o ? o : JSON.createObjectNode();
                        ((Map<?, ?>) v).forEach((k, x) -> lora.set(k.toString(), JSON.valueToTree(
                                number(x, TrainFields.LORA.get(k.toString())))));
                        if (((Map<?, ?>) v).containsKey("rank") && !((Map<?, ?>) v).containsKey("alpha")) {
                            lora.put("alpha", 2.0 * lora.get("rank").asDouble());
                        }
                        merged.set("lora", lora);
                    }
                }
            }
            return TrainingConfigJson.parse(JSON.writeValueAsString(merged));
        } catch (IOException e) {
            throw new StepFailedException(ctx.step().path() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            int colon = msg.indexOf(':');
            String field = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : "";
            throw new StepFailedException(field.isEmpty() ? ctx.step().path() + ": " + msg
                    : ctx.field(field) + msg.substring(colon), e);
        }
    }

    /** YAML numbers written as strings ({@code 5e-3}) as numbers, so the engine's parser takes them. */
    private static Object number(Object v, dev.modelfactory.app.pipelines.spec.FieldType type) {
        if (v instanceof String s && (type == dev.modelfactory.app.pipelines.spec.FieldType.NUMBER
                || type == dev.modelfactory.app.pipelines.spec.FieldType.INTEGER)) {
            return type == dev.modelfactory.app.pipelines.spec.FieldType.INTEGER ? (Object) Long.parseLong(s.strip())
                    : (Object) Double.parseDouble(s.strip());
        }
        return v;
    }

    static JsonNode tree(TrainingConfig c) throws IOException {
        return JSON.readTree(c.canonicalJson());
    }
}
