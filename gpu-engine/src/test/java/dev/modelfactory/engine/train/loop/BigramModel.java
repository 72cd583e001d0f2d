package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainableModel;
import dev.modelfactory.engine.train.TrainingBatch;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny exact model for trainer tests: logits of the next token are {@code W[token] ⊙ mask/(1-p) + b}
 * (inverted dropout on the weight row, mask drawn from the dropout seed), softmax cross-entropy, gradients
 * by hand.
 */
final class BigramModel implements TrainableModel {

    final int vocab;
    final Parameter w;
    final Parameter b;
    private final double dropout;

    BigramModel(int vocab, long seed, double dropout) {
        this.vocab = vocab;
        this.dropout = dropout;
        SplittableRandom r = new SplittableRandom(seed);
        float[] init = new float[vocab * vocab];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) r.nextDouble(-0.1, 0.1);
        }
        w = new Parameter("bigram.weight", new int[] {vocab, vocab}, init);
        b = Parameter.zeros("bigram.bias", vocab);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b);
    }

    @Override
    public double forwardBackward(TrainingBatch batch, long dropoutSeed) {
        return run(batch, new SplittableRandom(dropoutSeed), true);
    }

    @Override
    public double loss(TrainingBatch batch) {
        return run(batch, null, false);
    }

    private double run(TrainingBatch batch, SplittableRandom r, boolean backward) {
        double total = 0;
        double[] z = new double[vocab];
        double[] keep = new double[vocab];
        for (int i = 0; i < batch.tokens().length; i++) {
            int target = batch.targets()[i];
            if (target == TrainingBatch.IGNORE) {
                continue;
            }
            int tok = batch.tokens()[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < vocab; j++) {
                keep[j] = r == null || dropout == 0 ? 1 : (r.nextDouble() < dropout ? 0 : 1 / (1 - dropout));
                z[j] = w.value()[tok * vocab + j] * keep[j] + b.value()[j];
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < vocab; j++) {
                sum += Math.exp(z[j] - max);
            }
            total += max + Math.log(sum) - z[target];
            if (backward) {
                for (int j = 0; j < vocab; j++) {
                    double dz = Math.exp(z[j] - max) / sum - (j == target ? 1 : 0);
                    w.grad()[tok * vocab + j] += (float) (dz * keep[j]);
                    b.grad()[j] += (float) dz;
                }
            }
        }
        return total;
    }
}
