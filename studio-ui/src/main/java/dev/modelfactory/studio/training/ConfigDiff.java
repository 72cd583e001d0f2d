package dev.modelfactory.studio.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The key config differences between runs shown together: for each run, the canonical-config fields
 * (flattened, "lora.rank") whose value is not the same in every run, as "rank=16 lr=0.0002". Fields equal
 * everywhere are left out: the legend shows what tells the curves apart.
 */
public final class ConfigDiff {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** What a key the canonical JSON leaves out at its default stands for. */
    private static final Map<String, String> ABSENT_MEANS = Map.of("chat_template", "model", "train_splits", "train",
            "eval_split", "validation", "sample_every", "0");
    /** Meaningful only where samples are on: compared between runs that all sample. */
    private static final java.util.Set<String> ONLY_WITH_SAMPLES = java.util.Set.of("sample_count", "sample_max_tokens");

    private ConfigDiff() {
    }

    /** @param configs run id to its canonical config JSON; result in the same order */
    public static Map<Long, String> differences(Map<Long, String> configs) {
        Map<Long, Map<String, String>> flat = new LinkedHashMap<>();
        TreeSet<String> keys = new TreeSet<>();
        for (var e : configs.entrySet()) {
            Map<String, String> fields = new LinkedHashMap<>();
            try {
                flatten("", JSON.readTree(e.getValue()), fields);
            } catch (Exception ex) {
                fields.put("config", "unreadable");
            }
            ABSENT_MEANS.forEach(fields::putIfAbsent);
            flat.put(e.getKey(), fields);
            keys.addAll(fields.keySet());
        }
        List<String> differing = new ArrayList<>();
        for (String k : keys) {
            String first = null;
            boolean same = true;
            boolean seen = false;
            for (Map<String, String> f : flat.values()) {
                String v = f.get(k);
                if (!seen) {
                    first = v;
                    seen = true;
                } else if (!java.util.Objects.equals(first, v)) {
                    same = false;
                }
            }
            boolean everywhere = flat.values().stream().allMatch(f -> f.containsKey(k));
            if (!same && (everywhere || !ONLY_WITH_SAMPLES.contains(k))) {
                differing.add(k);
            }
        }
        Map<Long, String> out = new LinkedHashMap<>();
        for (var e : flat.entrySet()) {
            StringBuilder b = new StringBuilder();
            for (String k : differing) {
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(k.startsWith("lora.") ? k.substring(5) : k).append('=').append(e.getValue().getOrDefault(k, "-"));
            }
            out.put(e.getKey(), b.toString());
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText().replace("_proj", "")));
            out.put(prefix.substring(0, prefix.length() - 1), String.join(",", items));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var f = it.next();
                flatten(prefix + f.getKey() + ".", f.getValue(), out);
            }
        } else {
            out.put(prefix.substring(0, prefix.length() - 1), node.isTextual() ? node.asText()
                : node.isBigDecimal() ? node.decimalValue().toPlainString() : node.toString());
        }
    }
}
