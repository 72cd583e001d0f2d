package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.backend.QuantBlocks;
import dev.modelfactory.engine.backend.QuantFormat;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufTensor;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A format's {@link WeightSource} seen as the model's {@link ModelWeights} (same canonical names), less
 * {@code rope_freqs.weight}: that is configuration ({@link LlamaConfigs#ropeFrequencyFactors}), not a weight.
 */
final class SourceWeights implements ModelWeights {

    private final WeightSource source;
    private final Set<String> names;

    SourceWeights(WeightSource source) {
        this.source = source;
        LinkedHashSet<String> kept = new LinkedHashSet<>(source.names());
        kept.remove(WeightNames.ROPE_FREQS);
        this.names = Set.copyOf(kept);
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public int[] shape(String name) {
        long[] s = source.shape(name);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            if (s[i] > Integer.MAX_VALUE) {
                throw new ModelFormatException(name + ": dimension " + s[i] + " is too large");
            }
            out[i] = (int) s[i];
        }
        return out;
    }

    @Override
    public float[] floats(String name) {
        return source.dequantize(name);
    }

    /** A GGUF Q8_0 matrix's bytes, straight from the mapped file (ggml's block layout is the backends'). */
    @Override
    public Optional<MemorySegment> q8_0(String name) {
        if (source instanceof GgufFile f) {
            return f.findTensor(name).filter(t -> t.type() == GgmlType.Q8_0 && t.shape().length == 2)
                    .map(GgufTensor::data);
        }
        return Optional.empty();
    }

    /** A GGUF F32 matrix's bytes, straight from the mapped file (little-endian, row-major like the model's). */
    @Override
    public Optional<MemorySegment> f32(String name) {
        if (source instanceof GgufFile f) {
            return f.findTensor(name).filter(t -> t.type() == GgmlType.F32 && t.shape().length == 2)
                    .map(GgufTensor::data);
        }
        return Optional.empty();
    }

    /**
     * A GGUF Q4_0 / Q4_K / Q6_K matrix's blocks, straight from the mapped file (ggml's layouts are the
     * backends'); the parser has already checked that the tensor's bytes lie inside the file.
     */
    @Override
    public Optional<QuantBlocks> quantized(String name) {
        if (source instanceof GgufFile f) {
            return f.findTensor(name).filter(t -> t.shape().length == 2).flatMap(t -> format(t.type())
                    .map(q -> new QuantBlocks(q, t.data())));
        }
        return Optional.empty();
    }

    private static Optional<QuantFormat> format(GgmlType type) {
        return switch (type) {
            case Q4_0 -> Optional.of(QuantFormat.Q4_0);
            case Q4_K -> Optional.of(QuantFormat.Q4_K);
            case Q6_K -> Optional.of(QuantFormat.Q6_K);
            default -> Optional.empty();
        };
    }

    @Override
    public void close() {
        source.close();
    }
}
