package dev.modelfactory.app.pipelines.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link YNode}s as plain Java values (maps keep file order), for hashing and for the engine's JSON. */
public final class Plain {

    private Plain() {
    }

    public static Object value(YNode n) {
        return switch (n) {
            case YNode.YScalar s -> s.value();
            case YNode.YList l -> {
                List<Object> out = new ArrayList<>();
                l.items().forEach(i -> out.add(value(i)));
                yield out;
            }
            case YNode.YMap m -> map(m);
        };
    }

    public static Map<String, Object> map(YNode.YMap m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> out.put(k, value(v)));
        return out;
    }
}
