package dev.modelfactory.engine.train.llama;

import dev.modelfactory.engine.train.TrainingBatch;

/** Small hand-made batches for the model tests: packing, masked prompts, padding. */
final class TrainBatches {

    private TrainBatches() {
    }

    /**
     * B = 2 rows of T = 7: row 0 packs sample A (4 tokens, first 2 targets a masked prompt) and sample B
     * (3 tokens); row 1 holds one 5-token sample and 2 padding tokens (segment −1). Targets are the next token
     * of the same sample; a sample's last token has none.
     */
    static TrainingBatch packed(int vocab) {
        int[] tokens = {1, 5, 9, 2, 7, 3, 8, 4, 6, 11, 2, 10, 0, 0};
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (tokens[i] * 7 + 3) % vocab;
        }
        int[] segments = {0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, -1, -1};
        int[] positions = {0, 1, 2, 3, 0, 1, 2, 0, 1, 2, 3, 4, 0, 1};
        int[] targets = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            boolean last = i + 1 == tokens.length || i % 7 == 6 || segments[i + 1] != segments[i] || segments[i] < 0;
            targets[i] = last ? TrainingBatch.IGNORE : tokens[i + 1];
        }
        targets[0] = TrainingBatch.IGNORE;
        targets[1] = TrainingBatch.IGNORE;
        return new TrainingBatch(2, 7, tokens, targets, positions, segments);
    }

    /** One row of the given tokens at positions 0.., one segment, every next token a target. */
    static TrainingBatch single(int... tokens) {
        int n = tokens.length;
        int[] positions = new int[n];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
            targets[i] = i + 1 < n ? tokens[i + 1] : TrainingBatch.IGNORE;
        }
        return new TrainingBatch(1, n, tokens.clone(), targets, positions, new int[n]);
    }
}
