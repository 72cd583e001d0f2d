package dev.modelfactory.engine.train;

import java.util.List;

/**
 * What the trainer drives: a model whose trainable {@link Parameter}s get gradients from a batch.
 *
 * <p>{@link #forwardBackward} returns the batch's summed cross-entropy over non-ignored targets and
 * <em>adds</em> d(sum loss)/d(param) into each parameter's gradient (so gradient accumulation is simply
 * several calls before an optimiser step; the trainer divides by the token count it accumulated).
 */
public interface TrainableModel {

    List<Parameter> parameters();

    /**
     * Summed loss over the batch's loss tokens; accumulates gradients. Dropout masks (where the model has
     * dropout) come from {@code dropoutSeed} alone, so a resumed run that passes the same seed for the same
     * step reproduces the same masks; the trainer derives it from the run seed and the step.
     */
    double forwardBackward(TrainingBatch batch, long dropoutSeed);

    /** Summed loss over the batch's loss tokens, no gradients, no dropout. */
    double loss(TrainingBatch batch);

    /**
     * As {@link #forwardBackward(TrainingBatch, long)}, also writing each position's loss into
     * {@code tokenLosses} [B·T] (0 where the target is ignored); returns the same sum, bit for bit, so a
     * run that asks for per-token losses trains exactly like one that does not.
     *
     * @throws UnsupportedOperationException if the model cannot report per-token losses
     */
    default double forwardBackward(TrainingBatch batch, long dropoutSeed, double[] tokenLosses) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not report per-token losses");
    }

    /** As {@link #loss(TrainingBatch)}, also writing each position's loss into {@code tokenLosses} [B·T]. */
    default double loss(TrainingBatch batch, double[] tokenLosses) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not report per-token losses");
    }
}
