package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.Objects;

/**
 * What to train: a model (an imported model's name or id prefix, or a path to a GGUF file / Hugging Face
 * folder), a dataset version, and the engine's config ({@code lora == null}: full fine-tuning).
 *
 * @param name    a display name for the run (default: "model on dataset")
 * @param threads threads of the training pool (default: the machine's processors)
 */
public record TrainingRequest(String model, DatasetRef dataset, TrainingConfig config, String name, int threads) {

    public TrainingRequest {
        if (model == null || model.isBlank()) {
            throw new TrainingInputException("model: required (an imported model's name or id, or a path)");
        }
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new TrainingInputException("threads: must be >= 1, got " + threads);
        }
    }

    public static TrainingRequest of(String model, DatasetRef dataset, TrainingConfig config) {
        return new TrainingRequest(model, dataset, config, null, Runtime.getRuntime().availableProcessors());
    }

    public TrainingRequest withName(String n) {
        return new TrainingRequest(model, dataset, config, n, threads);
    }

    public TrainingRequest withThreads(int t) {
        return new TrainingRequest(model, dataset, config, name, t);
    }
}
