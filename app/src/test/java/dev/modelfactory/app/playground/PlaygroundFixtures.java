package dev.modelfactory.app.playground;

import dev.modelfactory.engine.adapter.AdapterTensor;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.lora.LoraLayout;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** A tiny random Llama written as GGUF and random PEFT adapters for it (B non-zero, as after training). */
final class PlaygroundFixtures {

    static final LlamaConfig CONFIG = LlamaConfig.builder().dim(64).hiddenDim(128).layers(2).heads(4).kvHeads(2)
            .vocabSize(320).maxSeqLen(128).ropeStyle(RopeStyle.INTERLEAVED).ropeTheta(10000f).build();

    private PlaygroundFixtures() {
    }

    static Path model(Path dir) throws IOException {
        Path file = dir.resolve("tiny.gguf");
        LlamaGguf.write(file, CONFIG, RandomWeights.create(CONFIG, 42), GgmlType.F32, LlamaGguf.vocabulary(320), "Tiny");
        return file;
    }

    /** Saves a random adapter of {@code rank} on {@code targets} under {@code dir/name}. */
    static Path adapter(Path dir, String name, Set<LoraTarget> targets, int rank, long seed) {
        LoraConfig lora = new LoraConfig(targets, rank, 2f * rank, 0f, false);
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (int l = 0; l < CONFIG.layers(); l++) {
            for (LoraTarget target : targets) {
                int[] outIn = LoraLayout.outIn(LoraLayout.projection(target), CONFIG);
                t.put(target.peftKey(l, true), new AdapterTensor(new int[] {rank, outIn[1]}, random(r, rank * outIn[1], 0.4)));
                t.put(target.peftKey(l, false), new AdapterTensor(new int[] {outIn[0], rank}, random(r, outIn[0] * rank, 0.3)));
            }
        }
        Path folder = dir.resolve(name);
        new PeftAdapter(new PeftAdapterConfig(lora, "Tiny"), t).save(folder);
        return folder;
    }

    private static float[] random(SplittableRandom r, int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-bound, bound);
        }
        return x;
    }
}
