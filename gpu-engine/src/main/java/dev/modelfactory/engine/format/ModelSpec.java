package dev.modelfactory.engine.format;

import java.util.Objects;
import java.util.Optional;

/**
 * The hyper-parameters of a Llama-family decoder as a file states them, format-neutral. Built from GGUF
 * metadata or a Hugging Face {@code config.json}; the model code maps it onto its own config.
 *
 * @param architecture      lower case family name: "llama", "mistral", "qwen2", ...
 * @param vocabSize         rows of {@code token_embd.weight}
 * @param dim               embedding width (hidden size)
 * @param layers            transformer blocks
 * @param heads             query heads
 * @param kvHeads           key/value heads (grouped-query attention when below {@code heads})
 * @param headDim           width of one head (usually dim / heads)
 * @param ffnDim            SwiGLU hidden width
 * @param contextLength     trained context length
 * @param ropeTheta         RoPE base frequency
 * @param rmsNormEps        RMSNorm epsilon
 * @param ropeStyle         how RoPE pairs dimensions for these weights (see {@link RopeStyle})
 * @param ropeScaling       frequency scaling, if any
 * @param tiedEmbeddings    true when there is no {@code output.weight}: the output head reuses the embedding
 * @param qkvBias           true when q/k/v projections carry biases (Qwen2)
 */
public record ModelSpec(String architecture, int vocabSize, int dim, int layers, int heads, int kvHeads,
                        int headDim, int ffnDim, int contextLength, double ropeTheta, double rmsNormEps,
                        RopeStyle ropeStyle, Optional<RopeScaling> ropeScaling, boolean tiedEmbeddings,
                        boolean qkvBias) {

    public ModelSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(ropeStyle, "ropeStyle");
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        if (vocabSize <= 0 || dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0
                || ffnDim <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive: " + shapeSummary(
                    vocabSize, dim, layers, heads, kvHeads, headDim, ffnDim));
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads + ")");
        }
    }

    private static String shapeSummary(int vocab, int dim, int layers, int heads, int kv, int headDim, int ffn) {
        return "vocab=" + vocab + " dim=" + dim + " layers=" + layers + " heads=" + heads + " kvHeads=" + kv
                + " headDim=" + headDim + " ffn=" + ffn;
    }
}
