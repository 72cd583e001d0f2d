package dev.modelfactory.engine.model;

import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.backend.RopeStyle;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hyper-parameters of a Llama-family decoder. {@code ropeScaling} is {@code null} unless the model uses
 * Llama 3 scaling given by its parameters; {@code ropeFrequencyFactors} is {@code null} unless the scaling comes
 * as explicit per-pair divisors (D/2 of them, llama.cpp's {@code rope_freqs.weight}); at most one of the two is
 * set. {@code qkvBias}: q/k/v projections carry biases (Qwen2). {@code tiedOutput}: the output
 * projection reuses {@code token_embd.weight} (no {@code output.weight}).
 */
public record LlamaConfig(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize, int maxSeqLen,
        float rmsEps, float ropeTheta, RopeStyle ropeStyle, RopeScaling ropeScaling, float[] ropeFrequencyFactors,
        boolean qkvBias, boolean tiedOutput) {

    public LlamaConfig {
        require(dim > 0 && hiddenDim > 0 && layers > 0 && vocabSize > 0 && maxSeqLen > 0,
                "dim, hidden dim, layers, vocab and max sequence length must be positive");
        require(heads > 0 && kvHeads > 0 && heads % kvHeads == 0, "heads (" + heads
                + ") must be a positive multiple of kv heads (" + kvHeads + ")");
        require(dim % heads == 0 && (dim / heads) % 2 == 0, "dim " + dim + " must split into " + heads
                + " heads of an even size");
        require(rmsEps > 0 && ropeTheta > 0, "rms eps and rope theta must be positive");
        require(ropeStyle != null, "rope style is required");
        if (ropeFrequencyFactors != null) {
            require(ropeScaling == null, "give llama3 rope scaling or rope frequency factors, not both");
            require(ropeFrequencyFactors.length == dim / heads / 2, ropeFrequencyFactors.length
                    + " rope frequency factors, head dim " + dim / heads + " needs " + dim / heads / 2);
            ropeFrequencyFactors = ropeFrequencyFactors.clone();
            for (float f : ropeFrequencyFactors) {
                require(f > 0 && !Float.isInfinite(f), "rope frequency factors must be finite and positive, got " + f);
            }
        }
    }

    /** A copy: the record never hands out its own array. */
    @Override
    public float[] ropeFrequencyFactors() {
        return ropeFrequencyFactors == null ? null : ropeFrequencyFactors.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("bad Llama config: " + message);
        }
    }

    /** D: channels per head. */
    public int headDim() {
        return dim / heads;
    }

    /** Hkv·D: width of the k and v projections. */
    public int kvDim() {
        return kvHeads * headDim();
    }

    public RopeSpec ropeSpec() {
        return new RopeSpec(ropeTheta, ropeStyle, ropeScaling, ropeFrequencyFactors);
    }

    /** Weights in the model (embedding, blocks, norms, untied output). */
    public long parameterCount() {
        long attn = (long) dim * dim * 2 + (long) dim * kvDim() * 2 + (qkvBias ? dim + 2L * kvDim() : 0);
        long ffn = 3L * dim * hiddenDim;
        long perLayer = attn + ffn + 2L * dim;
        return (long) vocabSize * dim * (tiedOutput ? 1 : 2) + layers * perLayer + dim;
    }

    // Value semantics for the array component (a record compares arrays by identity).
    @Override
    public boolean equals(Object o) {
        return o instanceof LlamaConfig c && dim == c.dim && hiddenDim == c.hiddenDim && layers == c.layers
                && heads == c.heads && kvHeads == c.kvHeads && vocabSize == c.vocabSize && maxSeqLen == c.maxSeqLen
                && Float.compare(rmsEps, c.rmsEps) == 0 && Float.compare(ropeTheta, c.ropeTheta) == 0
                && ropeStyle == c.ropeStyle && Objects.equals(ropeScaling, c.ropeScaling)
                && Arrays.equals(ropeFrequencyFactors, c.ropeFrequencyFactors) && qkvBias == c.qkvBias
                && tiedOutput == c.tiedOutput;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dim, hiddenDim, layers, heads, kvHeads, vocabSize, maxSeqLen, rmsEps, ropeTheta, ropeStyle,
                ropeScaling, Arrays.hashCode(ropeFrequencyFactors), qkvBias, tiedOutput);
    }

    @Override
    public String toString() {
        return "LlamaConfig[dim=" + dim + ", hiddenDim=" + hiddenDim + ", layers=" + layers + ", heads=" + heads
                + ", kvHeads=" + kvHeads + ", vocabSize=" + vocabSize + ", maxSeqLen=" + maxSeqLen + ", rmsEps=" + rmsEps
                + ", ropeTheta=" + ropeTheta + ", ropeStyle=" + ropeStyle + ", ropeScaling=" + ropeScaling
                + ", ropeFrequencyFactors=" + Arrays.toString(ropeFrequencyFactors) + ", qkvBias=" + qkvBias
                + ", tiedOutput=" + tiedOutput + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with Llama 2 style defaults (theta 10000, eps 1e-5, rotate-half, no bias, untied). */
    public static final class Builder {
        private int dim = 64;
        private int hiddenDim = 172;
        private int layers = 2;
        private int heads = 4;
        private int kvHeads = 4;
        private int vocabSize = 97;
        private int maxSeqLen = 128;
        private float rmsEps = 1e-5f;
        private float ropeTheta = 10000f;
        private RopeStyle ropeStyle = RopeStyle.ROTATE_HALF;
        private RopeScaling ropeScaling;
        private float[] ropeFrequencyFactors;
        private boolean qkvBias;
        private boolean tiedOutput;

        private Builder() {
        }

        public Builder dim(int v) {
            dim = v;
            return this;
        }

        public Builder hiddenDim(int v) {
            hiddenDim = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder heads(int v) {
            heads = v;
            return this;
        }

        public Builder kvHeads(int v) {
            kvHeads = v;
            return this;
        }

        public Builder vocabSize(int v) {
            vocabSize = v;
            return this;
        }

        public Builder maxSeqLen(int v) {
            maxSeqLen = v;
            return this;
        }

        public Builder rmsEps(float v) {
            rmsEps = v;
            return this;
        }

        public Builder ropeTheta(float v) {
            ropeTheta = v;
            return this;
        }

        public Builder ropeStyle(RopeStyle v) {
            ropeStyle = v;
            return this;
        }

        public Builder ropeScaling(RopeScaling v) {
            ropeScaling = v;
            return this;
        }

        /** Explicit per-pair divisors of the inverse frequencies (D/2 of them); {@code null} for none. */
        public Builder ropeFrequencyFactors(float[] v) {
            ropeFrequencyFactors = v;
            return this;
        }

        public Builder qkvBias(boolean v) {
            qkvBias = v;
            return this;
        }

        public Builder tiedOutput(boolean v) {
            tiedOutput = v;
            return this;
        }

        public LlamaConfig build() {
            return new LlamaConfig(dim, hiddenDim, layers, heads, kvHeads, vocabSize, maxSeqLen, rmsEps, ropeTheta,
                    ropeStyle, ropeScaling, ropeFrequencyFactors, qkvBias, tiedOutput);
        }
    }
}
