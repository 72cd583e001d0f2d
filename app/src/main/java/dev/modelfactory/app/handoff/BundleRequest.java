package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to hand off: model and dataset as {@code train} takes them, the studio config, the trainer and the
 * bundle folder (must not exist yet). Build with {@link #builder()}.
 *
 * @param trainerModel the base model as the cluster loads it (a Hugging Face folder or hub id); null: the
 *                     model's path in this workspace
 */
public record BundleRequest(String model, DatasetRef dataset, TrainingConfig config, TrainerFormat format, Path out,
        String trainerModel) {

    public BundleRequest {
        if (model == null || model.isBlank()) {
            throw new TrainingInputException("model: required (an imported model's name or id, or a path)");
        }
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        if (trainerModel != null && trainerModel.isBlank()) {
            trainerModel = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BundleRequest}. */
    public static final class Builder {
        private String model;
        private DatasetRef dataset;
        private TrainingConfig config;
        private TrainerFormat format;
        private Path out;
        private String trainerModel;

        public Builder model(String v) { model = v; return this; }
        public Builder dataset(DatasetRef v) { dataset = v; return this; }
        public Builder config(TrainingConfig v) { config = v; return this; }
        public Builder format(TrainerFormat v) { format = v; return this; }
        public Builder out(Path v) { out = v; return this; }
        public Builder trainerModel(String v) { trainerModel = v; return this; }

        public BundleRequest build() {
            return new BundleRequest(model, dataset, config, format, out, trainerModel);
        }
    }
}
