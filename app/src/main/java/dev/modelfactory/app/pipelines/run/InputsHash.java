package dev.modelfactory.app.pipelines.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelfactory.app.pipelines.spec.Plain;
import dev.modelfactory.app.pipelines.spec.Refs;
import dev.modelfactory.app.pipelines.steps.StepContext;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's inputs as canonical JSON (keys sorted) and its sha256: the step's kind, its fields as written with
 * every {@code ${step.output}} replaced by that output's kind and content hash, and what the step reads from
 * outside ({@link dev.modelfactory.app.pipelines.steps.Step#externalInputs}). Equal hashes mean the step would
 * read exactly the same things.
 */
public record InputsHash(String json, String hash) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static InputsHash of(StepContext ctx, Map<String, Object> external) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", ctx.step().kind().id());
        m.put("fields", resolve(Plain.map(ctx.step().fields()), ctx));
        m.put("external", external);
        try {
            String json = JSON.writeValueAsString(m);
            return new InputsHash(json, PipelineStore.sha256(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a step's inputs as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object resolve(Object v, StepContext ctx) {
        if (v instanceof String s && Refs.stepRef(s).isPresent()) {
            OutputRef o = ctx.resolve(s);
            return Map.of("ref", s.strip(), "kind", o.kind().name(), "hash", o.hash());
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k.toString(), resolve(x, ctx)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(resolve(x, ctx)));
            return out;
        }
        return v;
    }
}
