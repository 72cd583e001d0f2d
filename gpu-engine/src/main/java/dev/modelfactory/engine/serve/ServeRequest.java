package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.generate.GenerationRequest;

/**
 * One request to the serving engine: which adapter (its registered id, or {@code null} for the base model)
 * and what to generate (prompt, token budget, per-request sampling settings and stop conditions).
 */
public record ServeRequest(String adapter, GenerationRequest generation) {

    public ServeRequest {
        if (generation == null) {
            throw new IllegalArgumentException("a serve request needs a generation request");
        }
        if (adapter != null && adapter.isBlank()) {
            throw new IllegalArgumentException("an adapter id must not be blank (use null for the base model)");
        }
    }

    public static ServeRequest base(GenerationRequest generation) {
        return new ServeRequest(null, generation);
    }

    public static ServeRequest adapter(String id, GenerationRequest generation) {
        return new ServeRequest(id, generation);
    }
}
