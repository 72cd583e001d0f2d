package dev.modelfactory.engine.adapter;

import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** A small GQA Llama and a random adapter for it (B non-zero, as after training). */
final class AdapterFixtures {

    static final int VOCAB = 300;

    private AdapterFixtures() {
    }

    static LlamaConfig config(RopeStyle rope) {
        return LlamaConfig.builder().dim(32).hiddenDim(64).layers(2).heads(4).kvHeads(2).vocabSize(VOCAB).maxSeqLen(32)
                .ropeStyle(rope).build();
    }

    static PeftAdapter adapter(LlamaConfig c, Set<LoraTarget> targets, int rank, boolean rsLora, long seed) {
        LoraConfig lora = new LoraConfig(targets, rank, 2f * rank, 0.05f, rsLora);
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (int l = 0; l < c.layers(); l++) {
            for (LoraTarget target : targets) {
                int[] outIn = PeftAdapter.outIn(target, c);
                t.put(target.peftKey(l, true), new AdapterTensor(new int[] {rank, outIn[1]}, random(r, rank * outIn[1], 0.3)));
                t.put(target.peftKey(l, false), new AdapterTensor(new int[] {outIn[0], rank}, random(r, outIn[0] * rank, 0.1)));
            }
        }
        return new PeftAdapter(new PeftAdapterConfig(lora, "test/tiny-llama"), t);
    }

    static float[] random(SplittableRandom r, int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-bound, bound);
        }
        return x;
    }

    /** A format's weights as the model's (what the loader does internally), less rope_freqs. */
    static ModelWeights view(WeightSource s) {
        Set<String> names = new LinkedHashSet<>(s.names());
        names.remove(WeightNames.ROPE_FREQS);
        return new ModelWeights() {
            @Override
            public Set<String> names() {
                return names;
            }

            @Override
            public int[] shape(String name) {
                long[] l = s.shape(name);
                int[] out = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    out[i] = (int) l[i];
                }
                return out;
            }

            @Override
            public float[] floats(String name) {
                return s.dequantize(name);
            }
        };
    }
}
