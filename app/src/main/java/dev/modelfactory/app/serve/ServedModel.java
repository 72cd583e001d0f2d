package dev.modelfactory.app.serve;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.ServeEngine;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.util.Objects;

/**
 * What the API serves: the base model's name (what {@code model} says for the base), its tokenizer and
 * chat template (ChatML for models without one), the adapter pool whose ids are the other model names, and
 * the engine that runs the requests. The caller owns and closes the engine, pool and model.
 */
public record ServedModel(String name, Tokenizer tokenizer, ChatTemplate chatTemplate, AdapterPool pool,
        ServeEngine engine) {

    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(engine, "engine");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the served model needs a name");
        }
    }

    /** The adapter id a request's {@code model} names: null for the base; 404 for a name that is neither. */
    public String adapterOf(String model) {
        if (name.equals(model)) {
            return null;
        }
        if (pool.isRegistered(model)) {
            return model;
        }
        throw new ApiException(404, "invalid_request_error", "The model '" + model + "' does not exist",
                "model", "model_not_found");
    }
}
