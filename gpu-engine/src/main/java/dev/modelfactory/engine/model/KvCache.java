package dev.modelfactory.engine.model;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.tensor.Tensor;

/**
 * Keys and values of every layer for up to {@link #capacity()} positions: per layer two backend tensors
 * [S_max, Hkv·D] (keys already rotated by RoPE).
 */
public final class KvCache implements AutoCloseable {

    private final Tensor[] keys;
    private final Tensor[] values;
    private final int capacity;

    KvCache(Backend backend, LlamaConfig config, int capacity) {
        if (capacity <= 0 || capacity > config.maxSeqLen()) {
            throw new IllegalArgumentException("KV cache capacity " + capacity + " must be in 1.." + config.maxSeqLen());
        }
        this.capacity = capacity;
        this.keys = new Tensor[config.layers()];
        this.values = new Tensor[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            keys[l] = backend.allocate(capacity, config.kvDim());
            values[l] = backend.allocate(capacity, config.kvDim());
        }
    }

    public int capacity() {
        return capacity;
    }

    Tensor keys(int layer) {
        return keys[layer];
    }

    Tensor values(int layer) {
        return values[layer];
    }

    @Override
    public void close() {
        for (int l = 0; l < keys.length; l++) {
            keys[l].close();
            values[l].close();
        }
    }
}
