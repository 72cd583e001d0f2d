package dev.modelfactory.engine.model;

import dev.modelfactory.engine.tensor.Tensor;

/**
 * A per-row additive update to a projection's output, applied by {@link LlamaModel} right after the
 * projection's matmul (before any bias): {@code y += f(x)} with x [T, in] the projection's input and y
 * [T, out] its output {@code x · Wᵀ}, both on the model's backend. Unmerged LoRA adapters plug in here
 * ({@code f(x) = s · (x · Aᵀ) · Bᵀ}, possibly a different adapter per row), so switching adapters never
 * touches a base weight.
 */
@FunctionalInterface
public interface ProjectionDelta {

    void apply(int layer, Projection projection, Tensor x, Tensor y);
}
