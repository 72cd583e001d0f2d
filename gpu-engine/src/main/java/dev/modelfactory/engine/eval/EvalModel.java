package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.util.Objects;

/** The base model of an evaluation job, opened once by the caller (who closes what backs it). */
public record EvalModel(String name, LlamaConfig config, ModelWeights weights, Tokenizer tokenizer,
        ChatTemplate template) {

    public EvalModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(template, "template");
    }
}
