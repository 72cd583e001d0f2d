package dev.modelfactory.engine.model;

import java.util.SplittableRandom;

/**
 * Seeded random weights for a {@link LlamaConfig}, for tests and benchmarks: matrices uniform in
 * ±1/sqrt(in_features) (activations keep their scale through the layers), norm weights around 1, biases
 * small. Same config and seed, same weights.
 */
public final class RandomWeights {

    private RandomWeights() {
    }

    public static InMemoryWeights create(LlamaConfig c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        InMemoryWeights w = new InMemoryWeights();
        w.put(WeightNames.TOKEN_EMBD, uniform(r, c.vocabSize() * c.dim(), 1f), c.vocabSize(), c.dim());
        for (int l = 0; l < c.layers(); l++) {
            w.put(WeightNames.attnNorm(l), aroundOne(r, c.dim()), c.dim());
            matrix(w, r, WeightNames.attnQ(l), c.dim(), c.dim());
            matrix(w, r, WeightNames.attnK(l), c.kvDim(), c.dim());
            matrix(w, r, WeightNames.attnV(l), c.kvDim(), c.dim());
            matrix(w, r, WeightNames.attnOutput(l), c.dim(), c.dim());
            if (c.qkvBias()) {
                w.put(WeightNames.attnQBias(l), uniform(r, c.dim(), 0.1f), c.dim());
                w.put(WeightNames.attnKBias(l), uniform(r, c.kvDim(), 0.1f), c.kvDim());
                w.put(WeightNames.attnVBias(l), uniform(r, c.kvDim(), 0.1f), c.kvDim());
            }
            w.put(WeightNames.ffnNorm(l), aroundOne(r, c.dim()), c.dim());
            matrix(w, r, WeightNames.ffnGate(l), c.hiddenDim(), c.dim());
            matrix(w, r, WeightNames.ffnUp(l), c.hiddenDim(), c.dim());
            matrix(w, r, WeightNames.ffnDown(l), c.dim(), c.hiddenDim());
        }
        w.put(WeightNames.OUTPUT_NORM, aroundOne(r, c.dim()), c.dim());
        if (!c.tiedOutput()) {
            matrix(w, r, WeightNames.OUTPUT, c.vocabSize(), c.dim());
        }
        return w;
    }

    private static void matrix(InMemoryWeights w, SplittableRandom r, String name, int out, int in) {
        w.put(name, uniform(r, Math.multiplyExact(out, in), (float) (1 / Math.sqrt(in))), out, in);
    }

    private static float[] uniform(SplittableRandom r, int n, float bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return x;
    }

    private static float[] aroundOne(SplittableRandom r, int n) {
        float[] x = uniform(r, n, 0.2f);
        for (int i = 0; i < n; i++) {
            x[i] += 1f;
        }
        return x;
    }
}
