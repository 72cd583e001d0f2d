package dev.modelfactory.engine.train.checkpoint;

import dev.modelfactory.engine.train.data.DataPosition;
import dev.modelfactory.engine.train.optim.AdamW;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it was after {@code step} optimiser steps: the trainable
 * parameters by name, the optimiser state, the data position of the next batch, the run seed (the only RNG
 * state: data order and dropout masks are derived from it, the epoch and the step), the hash of the config
 * it was trained with, and the metrics so far as JSON lines.
 */
public record Checkpoint(int step, DataPosition data, long seed, String configSha256, Map<String, Tensor> parameters,
        AdamW.State optimizer, String metricsJsonl) {

    /** A parameter's shape and values. */
    public record Tensor(int[] shape, float[] values) {
        public Tensor {
            shape = shape.clone();
            values = values.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }
    }

    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("step: must be >= 0, got " + step);
        }
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metricsJsonl = metricsJsonl == null ? "" : metricsJsonl;
    }
}
