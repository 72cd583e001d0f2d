package dev.modelfactory.app.pipelines.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a parsed pipeline.
 *
 * @param index     position (0-based)
 * @param name      unique name ({@code name:}, else the kind's id)
 * @param kind      what it does
 * @param line      the line the step starts on
 * @param path      its field path prefix, {@code steps[3].train}
 * @param fields    its fields as written (name excluded), checked against the kind
 * @param dependsOn the steps whose outputs it reads
 */
public record StepSpec(int index, String name, StepKind kind, int line, String path, YNode.YMap fields,
        List<String> dependsOn) {

    public StepSpec {
        dependsOn = List.copyOf(dependsOn);
    }

    public Optional<YNode> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The fields as plain Java values (String, Number, Boolean, List, Map, null). */
    public Map<String, Object> plain() {
        return Plain.map(fields);
    }
}
