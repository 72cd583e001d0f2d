package dev.modelfactory.studio.pipelines;

import java.util.List;
import java.util.Objects;

/**
 * One step as the pipeline file declares it.
 *
 * @param id      the step's name, unique in its pipeline
 * @param kind    {@code import}, {@code check}, {@code freeze}, {@code train}, {@code eval}, {@code gate},
 *                {@code approve}, {@code attest}, {@code anchor}, {@code export}
 * @param inputs  what it reads: names of other steps' outputs, or of the earlier steps whose outputs it reads
 * @param outputs names of the values it makes
 */
public record StepSpec(String id, String kind, List<String> inputs, List<String> outputs) {

    public StepSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
