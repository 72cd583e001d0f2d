package dev.modelfactory.engine.train.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of a {@link TrainingConfig}: one line, no spaces, keys sorted (snake_case), LoRA
 * targets sorted by PEFT name, numbers in plain decimal from the shortest round-trip representation with
 * trailing zeros removed ({@code 2.0E-4 -> 0.0002}, {@code 1.0 -> 1}), integers as integers, {@code lora}
 * null for full fine-tuning. The data-selection and sample keys ({@code chat_template}, {@code train_splits},
 * {@code eval_split}, {@code sample_*}) are written only when they differ from their defaults, so configs
 * made before they existed keep their bytes and hash (and their checkpoints stay resumable). Equal configs give equal bytes on any machine; {@link #parse} reads this form
 * (or any JSON with the same keys) back, refusing unknown keys.
 */
public final class TrainingConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingConfigJson() {
    }

    static Map<String, Object> fields(TrainingConfig c) {
        Map<String, Object> m = new TreeMap<>();
        m.put("batch_size", c.batchSize());
        m.put("beta1", c.beta1());
        m.put("beta2", c.beta2());
        m.put("checkpoint_every", c.checkpointEvery());
        m.put("epochs", c.epochs());
        m.put("eps", c.eps());
        m.put("eval_every", c.evalEvery());
        m.put("explode_grad_norm", c.explodeGradNorm());
        m.put("grad_accum", c.gradAccum());
        m.put("keep_checkpoints", c.keepCheckpoints());
        m.put("learning_rate", c.learningRate());
        m.put("max_grad_norm", c.maxGradNorm());
        m.put("max_steps", c.maxSteps());
        m.put("packing", c.packing());
        m.put("schedule", c.schedule().jsonName());
        m.put("seed", c.seed());
        m.put("seq_len", c.seqLen());
        m.put("truncation", c.truncation().name().toLowerCase(Locale.ROOT));
        m.put("warmup_steps", c.warmupSteps());
        m.put("weight_decay", c.weightDecay());
        if (c.lora() == null) {
            m.put("lora", null);
        } else {
            Map<String, Object> l = new TreeMap<>();
            l.put("alpha", c.lora().alpha());
            l.put("dropout", c.lora().dropout());
            l.put("rank", c.lora().rank());
            l.put("rs_lora", c.lora().rsLora());
            l.put("targets", c.lora().targets().stream().map(LoraTarget::peftName).sorted().toList());
            m.put("lora", l);
        }
        if (c.chatTemplate() != null) {
            m.put("chat_template", c.chatTemplate());
        }
        if (!c.trainSplits().equals(TrainingConfig.DEFAULT_TRAIN_SPLITS)) {
            m.put("train_splits", c.trainSplits());
        }
        if (!c.evalSplit().equals(TrainingConfig.DEFAULT_EVAL_SPLIT)) {
            m.put("eval_split", c.evalSplit());
        }
        if (c.sampleEvery() > 0) {
            m.put("sample_every", c.sampleEvery());
            m.put("sample_count", c.sampleCount());
            m.put("sample_max_tokens", c.sampleMaxTokens());
        }
        return m;
    }

    /** Keys written only when not at their default. */
    private static final List<String> OPTIONAL_KEYS = List.of("chat_template", "eval_split", "sample_count",
            "sample_every", "sample_max_tokens", "train_splits");

    public static String canonical(TrainingConfig c) {
        StringBuilder b = new StringBuilder();
        write(b, fields(c));
        return b.toString();
    }

    public static String sha256(TrainingConfig c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(c).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> b.append(JsonNodeFactory.instance.textNode(s).toString());
            case Boolean x -> b.append(x);
            case Integer x -> b.append(x);
            case Long x -> b.append(x);
            case Double x -> b.append(number(Double.toString(x)));
            case Float x -> b.append(number(Float.toString(x)));
            case Map<?, ?> map -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.append(first ? "" : ",");
                    first = false;
                    write(b, e.getKey().toString());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    b.append(i == 0 ? "" : ",");
                    write(b, list.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }

    /** Plain decimal of the shortest representation (of the float for float fields: LoRA alpha and dropout). */
    static String number(String shortest) {
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** Reads a config; errors name the JSON field. */
    public static TrainingConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("config: not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config: must be a JSON object");
        }
        Map<String, Object> defaults = fields(TrainingConfig.builder().build());
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!defaults.containsKey(k) && !OPTIONAL_KEYS.contains(k)) {
                List<String> known = new ArrayList<>(defaults.keySet());
                known.addAll(OPTIONAL_KEYS);
                throw new IllegalArgumentException(k + ": unknown field (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
        TrainingConfig.Builder b = TrainingConfig.builder();
        Reader r = new Reader(root);
        r.dbl("learning_rate").ifPresent(b::learningRate);
        r.text("schedule").map(x -> named("schedule", () -> ScheduleKind.parse(x))).ifPresent(b::schedule);
        r.integer("warmup_steps").ifPresent(b::warmupSteps);
        r.integer("epochs").ifPresent(b::epochs);
        r.integer("max_steps").ifPresent(b::maxSteps);
        r.integer("batch_size").ifPresent(b::batchSize);
        r.integer("grad_accum").ifPresent(b::gradAccum);
        r.integer("seq_len").ifPresent(b::seqLen);
        r.bool("packing").ifPresent(b::packing);
        r.text("truncation").map(x -> named("truncation", () -> TruncationPolicy.parse(x))).ifPresent(b::truncation);
        if (root.has("seed")) {
            b.seed(r.longValue("seed"));
        }
        r.dbl("weight_decay").ifPresent(b::weightDecay);
        r.dbl("beta1").ifPresent(b::beta1);
        r.dbl("beta2").ifPresent(b::beta2);
        r.dbl("eps").ifPresent(b::eps);
        r.dbl("max_grad_norm").ifPresent(b::maxGradNorm);
        r.dbl("explode_grad_norm").ifPresent(b::explodeGradNorm);
        r.integer("eval_every").ifPresent(b::evalEvery);
        r.integer("checkpoint_every").ifPresent(b::checkpointEvery);
        r.integer("keep_checkpoints").ifPresent(b::keepCheckpoints);
        r.text("chat_template").ifPresent(b::chatTemplate);
        JsonNode splits = root.get("train_splits");
        if (splits != null && !splits.isNull()) {
            if (!splits.isArray()) {
                throw new IllegalArgumentException("train_splits: must be a list such as [\"train\"], got " + splits);
            }
            List<String> names = new ArrayList<>();
            splits.forEach(x -> names.add(x.asText()));
            b.trainSplits(names);
        }
        r.text("eval_split").ifPresent(b::evalSplit);
        r.integer("sample_every").ifPresent(b::sampleEvery);
        r.integer("sample_count").ifPresent(b::sampleCount);
        r.integer("sample_max_tokens").ifPresent(b::sampleMaxTokens);
        JsonNode lora = root.get("lora");
        if (lora != null && !lora.isNull()) {
            b.lora(lora(lora));
        }
        return b.build();
    }

    private static <T> T named(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static LoraConfig lora(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("lora: must be an object or null");
        }
        Reader r = new Reader(n);
        List<LoraTarget> targets = new ArrayList<>();
        JsonNode t = n.get("targets");
        if (t == null || !t.isArray()) {
            throw new IllegalArgumentException("lora.targets: must be a list such as [\"q_proj\", \"v_proj\"]");
        }
        for (JsonNode x : t) {
            try {
                targets.add(LoraTarget.parse(x.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lora.targets: " + e.getMessage(), e);
            }
        }
        try {
            return new LoraConfig(java.util.Set.copyOf(targets), r.integer("rank").orElse(8),
                    (float) r.dbl("alpha").orElse(16), (float) r.dbl("dropout").orElse(0), r.bool("rs_lora").orElse(false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lora." + e.getMessage(), e);
        }
    }

    /** Typed optional fields with errors naming them. */
    private record Reader(JsonNode node) {
        java.util.OptionalDouble dbl(String f) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                return java.util.OptionalDouble.empty();
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(f + ": must be a number, got " + v);
            }
            return java.util.OptionalDouble.of(v.doubleValue());
        }

        java.util.OptionalInt integer(String f) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                return java.util.OptionalInt.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException(f + ": must be an integer, got " + v);
            }
            return java.util.OptionalInt.of(v.intValue());
        }

        long longValue(String f) {
            JsonNode v = node.get(f);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException(f + ": must be an integer, got " + v);
            }
            return v.longValue();
        }

        java.util.Optional<Boolean> bool(String f) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                return java.util.Optional.empty();
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(f + ": must be true or false, got " + v);
            }
            return java.util.Optional.of(v.booleanValue());
        }

        java.util.Optional<String> text(String f) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                return java.util.Optional.empty();
            }
            if (!v.isTextual()) {
                throw new IllegalArgumentException(f + ": must be a string, got " + v);
            }
            return java.util.Optional.of(v.textValue());
        }
    }
}
