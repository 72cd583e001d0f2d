package dev.modelfactory.studio.training;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to train: a model ref, a dataset name and version (latest when empty), the engine's config, an
 * optional run name, and the curation tags whose rows get a loss curve of their own.
 */
public record RunRequest(String model, String dataset, Optional<String> version, TrainingConfig config,
        Optional<String> name, List<String> trackTags) {

    /** Without tracked tags. */
    public RunRequest(String model, String dataset, Optional<String> version, TrainingConfig config,
            Optional<String> name) {
        this(model, dataset, version, config, name, List.of());
    }

    public RunRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: choose a base model");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset: choose a dataset");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(name, "name");
        trackTags = List.copyOf(trackTags);
    }

    /** {@code NAME} or {@code NAME@VERSION}, as the command line takes it. */
    public String datasetRef() {
        return dataset + version.map(v -> "@" + v).orElse("");
    }
}
