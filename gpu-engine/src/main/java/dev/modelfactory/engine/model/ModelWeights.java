package dev.modelfactory.engine.model;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.QuantBlocks;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.Set;

/**
 * A model's named weights, by {@link WeightNames} (llama.cpp GGUF names), whatever the file format.
 * Implementations: GGUF and safetensors readers (memory-mapped, dequantising on access) and
 * {@link InMemoryWeights}. Closing releases mappings: a model whose matrices came through {@link #f32},
 * {@link #q8_0} or {@link #quantized} reads them in place, so it must be closed first (its ops fail cleanly afterwards).
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

    /**
     * The raw ggml Q8_0 blocks of a matrix stored that way ({@link dev.modelfactory.engine.backend.Q8_0}
     * layout, valid while these weights are open), so a linear layer can reach the backend without being
     * dequantised; empty (the default) for any other storage, which then goes through {@link #floats}.
     */
    default Optional<MemorySegment> q8_0(String name) {
        return Optional.empty();
    }

    /**
     * The raw little-endian fp32 values of a matrix stored as F32, in place (a slice of the mapped file,
     * valid while these weights are open), so a linear layer or the embedding table reaches the backend
     * without a copy ({@link Backend#mapLinear}); empty (the default) for any other storage.
     */
    default Optional<MemorySegment> f32(String name) {
        return Optional.empty();
    }

    /**
     * The raw blocks of a matrix stored as Q4_0, Q4_K or Q6_K ({@link dev.modelfactory.engine.backend.QuantFormat}
     * layouts, valid while these weights are open), so a linear layer or the embedding table reaches the
     * backend without being dequantised ({@link Backend#mapLinearQuant}); empty (the default) otherwise.
     */
    default Optional<QuantBlocks> quantized(String name) {
        return Optional.empty();
    }

    /** The tensor on a backend; a format may override to upload without an intermediate copy. */
    default Tensor toBackend(String name, Backend backend) {
        return backend.upload(floats(name), shape(name));
    }

    @Override
    default void close() {
    }
}
