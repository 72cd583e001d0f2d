package dev.modelfactory.app.training;

import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.train.loop.TrainingConfig;

/**
 * Bytes a run needs, per ADR 0004: frozen weights are held twice (both packed layouts, fp32), activations
 * per block ≈ M·(8C + 2·Hkv·D + 3F)·4 with M = batch·seq_len plus one 256-row logits chunk, and per
 * trainable parameter its value, gradient and two AdamW moments (4 floats).
 */
public record MemoryEstimate(long weightsBytes, long activationsBytes, long optimiserBytes, long trainableParameters) {

    public long totalBytes() {
        return weightsBytes + activationsBytes + optimiserBytes;
    }

    public static MemoryEstimate of(LlamaConfig c, TrainingConfig t) {
        long params = (long) c.vocabSize() * c.dim() * (c.tiedOutput() ? 1 : 2) + c.dim()
                + (long) c.layers() * (2L * c.dim() + (long) c.dim() * c.dim() * 2 + 2L * c.kvDim() * c.dim()
                + 3L * c.dim() * c.hiddenDim());
        long m = (long) t.batchSize() * t.seqLen();
        long perBlock = m * (8L * c.dim() + 2L * c.kvDim() + 3L * c.hiddenDim()) * 4;
        long activations = perBlock * c.layers() + 256L * c.vocabSize() * 4 + m * c.dim() * 4 * 2;
        long trainable;
        long weights;
        if (t.lora() == null) {
            trainable = params;
            weights = 0; // the parameters are the weights: counted with the optimiser
        } else {
            trainable = 0;
            int r = t.lora().rank();
            for (var target : t.lora().targets()) {
                int[] oi = switch (target) {
                    case Q, O -> new int[] {c.dim(), c.dim()};
                    case K, V -> new int[] {c.kvDim(), c.dim()};
                    case GATE, UP -> new int[] {c.hiddenDim(), c.dim()};
                    case DOWN -> new int[] {c.dim(), c.hiddenDim()};
                };
                trainable += (long) c.layers() * r * (oi[0] + oi[1]);
            }
            weights = params * 4 * 2;
            activations += m * r * 4L * 2 * t.lora().targets().size() * c.layers();
        }
        return new MemoryEstimate(weights, activations, trainable * 4 * 4, trainable);
    }
}
