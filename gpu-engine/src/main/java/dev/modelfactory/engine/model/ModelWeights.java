package dev.modelfactory.engine.model;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.Set;

/**
 * A model's named weights, by {@link WeightNames} (llama.cpp GGUF names), whatever the file format.
 * Implementations: GGUF and safetensors readers (memory-mapped, dequantising on access) and
 * {@link InMemoryWeights}. Closing releases mappings.
 */
public interface ModelWeights extends AutoCloseable {

    /** Every tensor name present. */
    Set<String> names();

    default boolean contains(String name) {
        return names().contains(name);
    }

    /** Shape, outermost first: [out_features, in_features] for matrices, [n] for vectors. */
    int[] shape(String name);

    /** The values as fp32, row-major (a copy, dequantised where stored quantised). */
    float[] floats(String name);

    /** The tensor on a backend; a format may override to upload without an intermediate copy. */
    default Tensor toBackend(String name, Backend backend) {
        return backend.upload(floats(name), shape(name));
    }

    @Override
    default void close() {
    }
}
