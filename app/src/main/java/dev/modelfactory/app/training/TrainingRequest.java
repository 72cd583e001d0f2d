package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.Objects;

/**
 * What to train: a model (an imported model's name or id prefix, or a path to a GGUF file / Hugging Face
 * folder), a dataset version, and the engine's config ({@code lora == null}: full fine-tuning).
 *
 * @param name    a display name for the run (default: "model on dataset")
 * @param threads threads of the training pool (default: the machine's processors)
 * @param trackTags curation tags whose rows get a loss series of their own (besides the per-contributor
 *                  ones every run keeps); each must be a tag of some row of the version
 */
public record TrainingRequest(String model, DatasetRef dataset, TrainingConfig config, String name, int threads,
        java.util.List<String> trackTags) {

    public TrainingRequest {
        if (model == null || model.isBlank()) {
            throw new TrainingInputException("model: required (an imported model's name or id, or a path)");
        }
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new TrainingInputException("threads: must be >= 1, got " + threads);
        }
        trackTags = java.util.List.copyOf(new java.util.LinkedHashSet<>(trackTags));
        if (trackTags.size() > SeriesPlan.MAX_TAGS) {
            throw new TrainingInputException("track_tags: at most " + SeriesPlan.MAX_TAGS + " tags, got "
                    + trackTags.size());
        }
        for (String t : trackTags) {
            if (t.isBlank()) {
                throw new TrainingInputException("track_tags: a tag is blank");
            }
        }
    }

    public TrainingRequest(String model, DatasetRef dataset, TrainingConfig config, String name, int threads) {
        this(model, dataset, config, name, threads, java.util.List.of());
    }

    public static TrainingRequest of(String model, DatasetRef dataset, TrainingConfig config) {
        return new TrainingRequest(model, dataset, config, null, Runtime.getRuntime().availableProcessors());
    }

    public TrainingRequest withName(String n) {
        return new TrainingRequest(model, dataset, config, n, threads, trackTags);
    }

    public TrainingRequest withThreads(int t) {
        return new TrainingRequest(model, dataset, config, name, t, trackTags);
    }

    public TrainingRequest withTrackTags(java.util.List<String> tags) {
        return new TrainingRequest(model, dataset, config, name, threads, tags);
    }
}
