package dev.modelfactory.studio.provenance;

import java.util.Objects;

/**
 * One attribution job: which adapter produced {@code output} for {@code prompt}, how to score influence,
 * and how many top rows to keep.
 */
public record ProvenanceQuery(AdapterChoice adapter, String prompt, String output, AttributionMethod method, int topK) {

    public ProvenanceQuery {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(method, "method");
        if (output.isBlank()) {
            throw new IllegalArgumentException("output: there is no output text to attribute");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top rows: must be at least 1, got " + topK);
        }
    }
}
