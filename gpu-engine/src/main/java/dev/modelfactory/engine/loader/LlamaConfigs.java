package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.WeightNames;
import java.util.Locale;
import java.util.Set;

/** Maps a file's {@link ModelSpec} onto the model's {@link LlamaConfig}, refusing what the model cannot run. */
public final class LlamaConfigs {

    /** Architectures whose decoder is the Llama block (RMSNorm, RoPE, GQA attention, SwiGLU). */
    public static final Set<String> LLAMA_FAMILY = Set.of("llama", "mistral", "qwen2", "smollm", "tinyllama");

    private LlamaConfigs() {
    }

    /**
     * @param source      the file or folder, named in errors
     * @param maxSeqLen   the context to allocate; clamped to the model's trained context when that is known
     */
    public static LlamaConfig from(ModelSpec spec, String source, int maxSeqLen) {
        return from(spec, source, maxSeqLen, null);
    }

    /**
     * As {@link #from(ModelSpec, String, int)}, with the file's explicit RoPE frequency factors
     * ({@link #ropeFrequencyFactors}, or {@code null}). When present they are the model's Llama 3 scaling, so
     * a "llama3" scaling entry without its parameters (how GGUF reports that tensor) is not an error.
     */
    public static LlamaConfig from(ModelSpec spec, String source, int maxSeqLen, float[] ropeFactors) {
        String arch = spec.architecture().toLowerCase(Locale.ROOT);
        if (!LLAMA_FAMILY.contains(arch)) {
            throw new ModelFormatException(source + ": architecture '" + spec.architecture()
                    + "' is not supported (supported: " + String.join(", ", LLAMA_FAMILY.stream().sorted().toList()) + ")");
        }
        if (spec.headDim() * spec.heads() != spec.dim()) {
            throw new ModelFormatException(source + ": head dim " + spec.headDim() + " x " + spec.heads()
                    + " heads != embedding width " + spec.dim() + " (decoupled head dims are not supported)");
        }
        int context = spec.contextLength() > 0 ? Math.min(maxSeqLen, spec.contextLength()) : maxSeqLen;
        return LlamaConfig.builder()
                .dim(spec.dim()).hiddenDim(spec.ffnDim()).layers(spec.layers())
                .heads(spec.heads()).kvHeads(spec.kvHeads()).vocabSize(spec.vocabSize())
                .maxSeqLen(context)
                .rmsEps((float) spec.rmsNormEps()).ropeTheta((float) spec.ropeTheta())
                .ropeStyle(spec.ropeStyle() == dev.modelfactory.engine.format.RopeStyle.NEOX
                        ? RopeStyle.ROTATE_HALF : RopeStyle.INTERLEAVED)
                .ropeScaling(spec.ropeScaling().map(s -> scaling(s, source, ropeFactors != null)).orElse(null))
                .ropeFrequencyFactors(ropeFactors)
                .qkvBias(spec.qkvBias())
                .tiedOutput(spec.tiedEmbeddings())
                .build();
    }

    /**
     * The {@code rope_freqs.weight} divisors if the file has that tensor, else {@code null}. It must hold one
     * finite positive value per rotated pair (head dim / 2), as llama.cpp's converter writes it.
     */
    public static float[] ropeFrequencyFactors(WeightSource weights, ModelSpec spec, String source) {
        String name = WeightNames.ROPE_FREQS;
        if (!weights.contains(name)) {
            return null;
        }
        long[] shape = weights.shape(name);
        int want = spec.headDim() / 2;
        if (shape.length != 1 || shape[0] != want) {
            throw new ModelFormatException(source + ": tensor " + name + " has shape " + java.util.Arrays.toString(shape)
                    + ", expected [" + want + "] (head dim " + spec.headDim() + " / 2)");
        }
        float[] factors = weights.dequantize(name);
        for (int i = 0; i < factors.length; i++) {
            if (!(factors[i] > 0) || Float.isInfinite(factors[i])) {
                throw new ModelFormatException(source + ": tensor " + name + " value " + i + " is " + factors[i]
                        + ", rope frequency factors must be finite and positive");
            }
        }
        return factors;
    }

    private static RopeScaling scaling(dev.modelfactory.engine.format.RopeScaling s, String source,
                                       boolean haveFactors) {
        String type = s.type().toLowerCase(Locale.ROOT);
        if (type.equals("none") || (s.factor() == 1.0 && !type.equals("llama3"))) {
            return null;
        }
        if (type.equals("llama3") && haveFactors) {
            return null; // the rope_freqs tensor carries it
        }
        if (!type.equals("llama3")) {
            throw new ModelFormatException(source + ": rope scaling '" + s.type() + "' is not supported (only llama3)");
        }
        if (Double.isNaN(s.lowFreqFactor()) || Double.isNaN(s.highFreqFactor()) || s.originalContextLength() <= 0) {
            throw new ModelFormatException(source + ": llama3 rope scaling needs low_freq_factor, high_freq_factor "
                    + "and original_max_position_embeddings");
        }
        return new RopeScaling((float) s.factor(), (float) s.lowFreqFactor(), (float) s.highFreqFactor(),
                s.originalContextLength());
    }
}
