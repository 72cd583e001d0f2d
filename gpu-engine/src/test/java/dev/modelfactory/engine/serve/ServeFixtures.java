package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.adapter.AdapterTensor;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.serve.lora.LoraLayout;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** A small GQA Llama and random PEFT adapters for it (B non-zero, as after training), saved as folders. */
public final class ServeFixtures {

    public static final int VOCAB = 96;

    private ServeFixtures() {
    }

    public static LlamaConfig config(RopeStyle rope) {
        return LlamaConfig.builder().dim(32).hiddenDim(48).layers(2).heads(4).kvHeads(2).vocabSize(VOCAB).maxSeqLen(64)
                .ropeStyle(rope).build();
    }

    public static Set<LoraTarget> all() {
        return EnumSet.allOf(LoraTarget.class);
    }

    /** A random adapter of rank {@code rank} on {@code targets}; B large enough to change greedy tokens. */
    public static PeftAdapter adapter(LlamaConfig c, Set<LoraTarget> targets, int rank, long seed) {
        LoraConfig lora = new LoraConfig(targets, rank, 2f * rank, 0f, false);
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (int l = 0; l < c.layers(); l++) {
            for (LoraTarget target : targets) {
                int[] outIn = LoraLayout.outIn(LoraLayout.projection(target), c);
                t.put(target.peftKey(l, true), new AdapterTensor(new int[] {rank, outIn[1]}, random(r, rank * outIn[1], 0.4)));
                t.put(target.peftKey(l, false), new AdapterTensor(new int[] {outIn[0], rank}, random(r, outIn[0] * rank, 0.2)));
            }
        }
        return new PeftAdapter(new PeftAdapterConfig(lora, "test/tiny-llama"), t);
    }

    /** Saves a random adapter under {@code dir/name} and returns the folder. */
    public static Path saved(Path dir, String name, LlamaConfig c, Set<LoraTarget> targets, int rank, long seed) {
        Path folder = dir.resolve(name);
        adapter(c, targets, rank, seed).save(folder);
        return folder;
    }

    static float[] random(SplittableRandom r, int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-bound, bound);
        }
        return x;
    }
}
