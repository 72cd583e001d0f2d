package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A GGUF file's weights as the app's training and evaluation services open them (app's {@code WeightView}:
 * dequantised on read, no mapped matrices), so the bench pays what a real evaluation run pays to load.
 */
final class GgufWeightView implements ModelWeights {

    private final WeightSource source;
    private final Set<String> names;

    GgufWeightView(WeightSource source) {
        this.source = source;
        Set<String> kept = new LinkedHashSet<>(source.names());
        kept.remove(WeightNames.ROPE_FREQS);
        this.names = Set.copyOf(kept);
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public int[] shape(String name) {
        long[] l = source.shape(name);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    @Override
    public float[] floats(String name) {
        return source.dequantize(name);
    }
}
