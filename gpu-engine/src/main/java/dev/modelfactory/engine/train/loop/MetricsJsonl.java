package dev.modelfactory.engine.train.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Step metrics as JSON lines (a checkpoint's metrics.jsonl); NaN (no eval this step) is written as null. */
public final class MetricsJsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJsonl() {
    }

    public static String write(List<StepMetrics> metrics) {
        StringBuilder b = new StringBuilder();
        for (StepMetrics m : metrics) {
            ObjectNode o = JSON.createObjectNode();
            o.put("step", m.step());
            o.put("epoch", m.epoch());
            number(o, "loss", m.loss());
            number(o, "eval_loss", m.evalLoss());
            o.put("lr", m.lr());
            number(o, "grad_norm", m.gradNorm());
            o.put("tokens_per_second", m.tokensPerSecond());
            o.put("memory_bytes", m.memoryBytes());
            b.append(o).append('\n');
        }
        return b.toString();
    }

    private static void number(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    public static List<StepMetrics> read(String jsonl) {
        List<StepMetrics> out = new ArrayList<>();
        int line = 0;
        for (String s : jsonl.split("\n")) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(s);
                out.add(new StepMetrics(n.get("step").asInt(), n.get("epoch").asDouble(), num(n, "loss"),
                        num(n, "eval_loss"), n.get("lr").asDouble(), num(n, "grad_norm"),
                        n.get("tokens_per_second").asDouble(), n.get("memory_bytes").asLong()));
            } catch (IOException | NullPointerException e) {
                throw new UncheckedIOException("metrics line " + line + ": not a metrics record: " + s,
                        e instanceof IOException io ? io : new IOException(e));
            }
        }
        return out;
    }

    private static double num(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
