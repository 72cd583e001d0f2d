package dev.modelfactory.app.starter;

import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pieces a from-scratch model needs: freshly initialised weights (GPT-2 style: normal with std 0.02,
 * residual output projections scaled by 1/sqrt(2·layers), norms 1) and a learnt vocabulary in the GGUF form.
 */
public final class StarterModels {

    private StarterModels() {
    }

    /** Initial weights of {@code c} (untied output), reproducible from {@code seed}. */
    public static InMemoryWeights initialWeights(LlamaConfig c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double std = 0.02;
        double residual = std / Math.sqrt(2.0 * c.layers());
        InMemoryWeights w = new InMemoryWeights();
        w.put(WeightNames.TOKEN_EMBD, normal(r, c.vocabSize() * c.dim(), std), c.vocabSize(), c.dim());
        for (int l = 0; l < c.layers(); l++) {
            w.put(WeightNames.attnNorm(l), ones(c.dim()), c.dim());
            w.put(WeightNames.attnQ(l), normal(r, c.dim() * c.dim(), std), c.dim(), c.dim());
            w.put(WeightNames.attnK(l), normal(r, c.kvDim() * c.dim(), std), c.kvDim(), c.dim());
            w.put(WeightNames.attnV(l), normal(r, c.kvDim() * c.dim(), std), c.kvDim(), c.dim());
            w.put(WeightNames.attnOutput(l), normal(r, c.dim() * c.dim(), residual), c.dim(), c.dim());
            w.put(WeightNames.ffnNorm(l), ones(c.dim()), c.dim());
            w.put(WeightNames.ffnGate(l), normal(r, c.hiddenDim() * c.dim(), std), c.hiddenDim(), c.dim());
            w.put(WeightNames.ffnUp(l), normal(r, c.hiddenDim() * c.dim(), std), c.hiddenDim(), c.dim());
            w.put(WeightNames.ffnDown(l), normal(r, c.dim() * c.hiddenDim(), residual), c.dim(), c.hiddenDim());
        }
        w.put(WeightNames.OUTPUT_NORM, ones(c.dim()), c.dim());
        w.put(WeightNames.OUTPUT, normal(r, c.vocabSize() * c.dim(), std), c.vocabSize(), c.dim());
        return w;
    }

    /** A learnt vocabulary as GGUF stores it (llama.cpp token type ids). */
    public static LlamaGguf.Vocab ggufVocab(Vocabulary v) {
        List<String> tokens = new ArrayList<>();
        float[] scores = new float[v.size()];
        int[] types = new int[v.size()];
        for (int i = 0; i < v.size(); i++) {
            tokens.add(v.token(i));
            scores[i] = v.score(i);
            types[i] = v.type(i).ordinal() + 1; // NORMAL = 1 ... BYTE = 6, as TokenType.fromId reads them
        }
        return new LlamaGguf.Vocab(tokens, scores, types);
    }

    private static float[] normal(SplittableRandom r, int n, double std) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller; one value per pair is enough here
            double u = 1 - r.nextDouble();
            double v = r.nextDouble();
            x[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return x;
    }

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }
}
