package dev.modelfactory.app.handoff;

import java.util.List;
import java.util.Map;

/**
 * A trainer config worked out from a studio config.
 *
 * @param keys     the trainer's keys and values in file order (nested maps and lists for Axolotl's datasets)
 * @param mapped   studio field -> the trainer keys that carry it (for the golden tests and the mapping doc)
 * @param unmapped studio fields the trainer cannot express, with the reason
 */
public record TrainerConfig(Map<String, Object> keys, Map<String, List<String>> mapped, List<Unmapped> unmapped) {

    public TrainerConfig {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
        mapped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapped));
        unmapped = List.copyOf(unmapped);
    }
}
