package dev.modelfactory.engine.train.llama;

import dev.modelfactory.engine.train.TrainingBatch;

/** A {@link TrainingBatch} as the layers see it: M = B·T rows of tokens with positions and segments. */
record Batch(int batch, int seqLen, int[] positions, int[] segments) {

    static Batch of(TrainingBatch b) {
        return new Batch(b.batch(), b.seqLen(), b.positions(), b.segments());
    }

    int rows() {
        return batch * seqLen;
    }
}
