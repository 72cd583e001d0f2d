package dev.modelfactory.app.pipelines.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on: a mapping, a sequence or a scalar. */
public sealed interface YNode {

    /** 1-based line of the value's first token. */
    int line();

    /** A mapping; keys in file order, each with its own line. */
    record YMap(int line, Map<String, YNode> entries, Map<String, Integer> keyLines) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        public YNode get(String key) {
            return entries.get(key);
        }

        /** The line of {@code key}, else the mapping's own line. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /** A sequence. */
    record YList(int line, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar.
     *
     * @param value a String, a Number, a Boolean, or null for YAML null ({@code ~}, {@code null}, empty)
     */
    record YScalar(int line, Object value) implements YNode {

        public boolean isNull() {
            return value == null;
        }

        /** The scalar as text (numbers and booleans as written by Java). */
        public String text() {
            return value == null ? "" : value.toString();
        }
    }
}
