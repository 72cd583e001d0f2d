package dev.modelfactory.engine.backend;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the RoPE op needs besides the tensor: base {@code theta}, pairing style, and at most one of
 * two ways to stretch the frequencies: Llama 3 {@code scaling} (the Hugging Face config's parameters) or
 * explicit per-pair {@code frequencyFactors} (llama.cpp's {@code rope_freqs.weight}: inv_freq[i] is divided
 * by factor[i]). Both are {@code null} for plain RoPE. Backends share {@link #inverseFrequencies(int)}, and
 * scaling is turned into factors there too, so every backend and both sources rotate by the same angles.
 */
public record RopeSpec(float theta, RopeStyle style, RopeScaling scaling, float[] frequencyFactors) {

    public RopeSpec {
        Objects.requireNonNull(style, "style");
        if (!(theta > 0)) {
            throw new IllegalArgumentException("rope theta must be positive, got " + theta);
        }
        if (scaling != null && frequencyFactors != null) {
            throw new IllegalArgumentException("give llama3 rope scaling or frequency factors, not both");
        }
        frequencyFactors = frequencyFactors == null ? null : checkFactors(frequencyFactors.clone());
    }

    /** Plain or Llama 3 scaled RoPE, without explicit factors. */
    public RopeSpec(float theta, RopeStyle style, RopeScaling scaling) {
        this(theta, style, scaling, null);
    }

    /** Every factor must be a finite positive divisor. */
    static float[] checkFactors(float[] factors) {
        for (int i = 0; i < factors.length; i++) {
            if (!(factors[i] > 0) || Float.isInfinite(factors[i])) {
                throw new IllegalArgumentException("rope frequency factor " + i + " must be finite and positive, got "
                        + factors[i]);
            }
        }
        return factors;
    }

    /** A copy: the record never hands out its own array. */
    @Override
    public float[] frequencyFactors() {
        return frequencyFactors == null ? null : frequencyFactors.clone();
    }

    /** Unscaled inverse frequency of pair i, {@code theta^(-2i/D)}, in double. */
    public static double baseInverseFrequency(double theta, int i, int headDim) {
        return 1.0 / Math.pow(theta, (2.0 * i) / headDim);
    }

    /**
     * The divisors applied to the D/2 base inverse frequencies: the explicit factors, or those derived from
     * {@code scaling}, or {@code null} when RoPE is unscaled.
     */
    public float[] effectiveFactors(int headDim) {
        if (frequencyFactors != null) {
            if (frequencyFactors.length != headDim / 2) {
                throw new IllegalArgumentException("rope has " + frequencyFactors.length
                        + " frequency factors, head dim " + headDim + " needs " + headDim / 2);
            }
            return frequencyFactors.clone();
        }
        return scaling == null ? null : scaling.frequencyFactors(theta, headDim);
    }

    /**
     * Inverse frequency of pair i, {@code theta^(-2i/D) / factor[i]}, for i in [0, D/2). Computed in double and
     * rounded once; scaled or not, this is the only formula.
     */
    public float[] inverseFrequencies(int headDim) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even head dim, got " + headDim);
        }
        float[] factors = effectiveFactors(headDim);
        float[] inv = new float[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            double f = baseInverseFrequency(theta, i, headDim);
            inv[i] = (float) (factors == null ? f : f / factors[i]);
        }
        return inv;
    }

    // Value semantics for the array component (a record compares arrays by identity).
    @Override
    public boolean equals(Object o) {
        return o instanceof RopeSpec r && Float.compare(theta, r.theta) == 0 && style == r.style
                && Objects.equals(scaling, r.scaling) && Arrays.equals(frequencyFactors, r.frequencyFactors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(theta, style, scaling, Arrays.hashCode(frequencyFactors));
    }

    @Override
    public String toString() {
        return "RopeSpec[theta=" + theta + ", style=" + style + ", scaling=" + scaling
                + (frequencyFactors == null ? "" : ", frequencyFactors=" + Arrays.toString(frequencyFactors)) + "]";
    }
}
