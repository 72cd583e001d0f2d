package dev.modelfactory.engine.backend;

import java.util.Objects;

/**
 * Everything the RoPE op needs besides the tensor: base {@code theta}, pairing style and optional Llama 3
 * scaling ({@code null} for none). Backends share {@link #inverseFrequencies(int)} so they all rotate by
 * the same angles.
 */
public record RopeSpec(float theta, RopeStyle style, RopeScaling scaling) {

    public RopeSpec {
        Objects.requireNonNull(style, "style");
        if (!(theta > 0)) {
            throw new IllegalArgumentException("rope theta must be positive, got " + theta);
        }
    }

    /**
     * Inverse frequency of pair i, {@code theta^(-2i/D)} (then Llama 3 scaled), for i in [0, D/2).
     * Computed in double and rounded once.
     */
    public float[] inverseFrequencies(int headDim) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even head dim, got " + headDim);
        }
        float[] inv = new float[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            double f = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
            inv[i] = (float) (scaling == null ? f : scaling.scale(f));
        }
        return inv;
    }
}
