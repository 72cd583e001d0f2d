package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.model.LlamaConfig;
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
                .ropeScaling(spec.ropeScaling().map(s -> scaling(s, source)).orElse(null))
                .qkvBias(spec.qkvBias())
                .tiedOutput(spec.tiedEmbeddings())
                .build();
    }

    private static RopeScaling scaling(dev.modelfactory.engine.format.RopeScaling s, String source) {
        String type = s.type().toLowerCase(Locale.ROOT);
        if (type.equals("none") || (s.factor() == 1.0 && !type.equals("llama3"))) {
            return null;
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
