package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.TrainingBatch;
import java.util.Arrays;

/**
 * Per-example losses of one optimiser step (or one evaluation pass): for each example seen, its index in the
 * trainer's training (or validation) list, the sum of its tokens' cross-entropy and the number of its loss
 * tokens. Parallel arrays, examples in the order they were first met. The sums over all entries are the
 * step's summed loss and loss-token count.
 */
public record ExampleLosses(int[] examples, double[] lossSums, int[] lossTokens) {

    public ExampleLosses {
        if (examples.length != lossSums.length || examples.length != lossTokens.length) {
            throw new IllegalArgumentException("examples, lossSums and lossTokens: need the same length, got "
                    + examples.length + ", " + lossSums.length + ", " + lossTokens.length);
        }
        examples = examples.clone();
        lossSums = lossSums.clone();
        lossTokens = lossTokens.clone();
    }

    public int size() {
        return examples.length;
    }

    public int example(int i) {
        return examples[i];
    }

    public double lossSum(int i) {
        return lossSums[i];
    }

    public int lossTokens(int i) {
        return lossTokens[i];
    }

    @Override
    public int[] examples() {
        return examples.clone();
    }

    @Override
    public double[] lossSums() {
        return lossSums.clone();
    }

    @Override
    public int[] lossTokens() {
        return lossTokens.clone();
    }

    /** Accumulates the per-token losses of batches into per-example sums. */
    static final class Builder {
        private int[] examples = new int[16];
        private double[] sums = new double[16];
        private int[] tokens = new int[16];
        private int size;

        /**
         * Adds a batch: {@code rows[r][s]} is the example of segment s of row r (see
         * {@code BatchStream.lastRows()}), {@code tokenLosses} the per-position losses the model wrote.
         */
        void add(TrainingBatch batch, int[][] rows, double[] tokenLosses) {
            int t = batch.seqLen();
            int[] targets = batch.targets();
            int[] segments = batch.segments();
            for (int r = 0; r < batch.batch(); r++) {
                int seg = -1;
                int slot = -1;
                for (int i = r * t; i < (r + 1) * t; i++) {
                    if (segments[i] < 0) {
                        continue;
                    }
                    if (segments[i] != seg) {
                        seg = segments[i];
                        slot = slot(rows[r][seg]);
                    }
                    if (targets[i] != TrainingBatch.IGNORE) {
                        sums[slot] += tokenLosses[i];
                        tokens[slot]++;
                    }
                }
            }
        }

        private int slot(int example) {
            if (size == examples.length) {
                examples = Arrays.copyOf(examples, size * 2);
                sums = Arrays.copyOf(sums, size * 2);
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            examples[size] = example;
            sums[size] = 0;
            tokens[size] = 0;
            return size++;
        }

        ExampleLosses build() {
            return new ExampleLosses(Arrays.copyOf(examples, size), Arrays.copyOf(sums, size),
                    Arrays.copyOf(tokens, size));
        }
    }
}
