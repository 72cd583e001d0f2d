package dev.modelfactory.engine.train.layer;

import dev.modelfactory.engine.train.TrainingBatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Softmax cross-entropy over logits rows [rows, V] against targets (or {@link TrainingBatch#IGNORE}). Returns the
 * summed loss {@code Σ (logsumexp(z) − z[target])} in double; with {@code gradient} the logits are overwritten by
 * d(sum loss)/d(logits) = {@code softmax(z) − onehot(target)} (zero rows where ignored). The exp-sum of a row is
 * taken in float vectors per 64-vector block, each block's lanes summed in lane order in double (a fixed order,
 * so the loss has the same bits whatever the JIT has compiled).
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    public static double forward(TrainPool pool, float[] logits, int[] targets, int targetOff, int rows, int vocab,
            boolean gradient) {
        return forward(pool, logits, targets, targetOff, rows, vocab, gradient, null);
    }

    /**
     * As above; with {@code rowLosses} non-null, row r's loss is also written to {@code rowLosses[targetOff + r]}
     * (the sum returned is the same, in the same order).
     */
    public static double forward(TrainPool pool, float[] logits, int[] targets, int targetOff, int rows, int vocab,
            boolean gradient, double[] rowLosses) {
        double[] losses = new double[rows];
        pool.parallelFor(rows, 1, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                losses[r] = row(logits, r * vocab, vocab, targets[targetOff + r], gradient);
            }
        });
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        if (rowLosses != null) {
            System.arraycopy(losses, 0, rowLosses, targetOff, rows);
        }
        return sum;
    }

    private static double row(float[] z, int off, int v, int target, boolean gradient) {
        if (target == TrainingBatch.IGNORE) {
            if (gradient) {
                java.util.Arrays.fill(z, off, off + v, 0f);
            }
            return 0;
        }
        if (target < 0 || target >= v) {
            throw new IllegalArgumentException("target " + target + " is outside the vocabulary of " + v);
        }
        int bound = Vec.S.loopBound(v);
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (bound > 0) {
            FloatVector mv = FloatVector.broadcast(Vec.S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += Vec.L) {
                mv = mv.max(FloatVector.fromArray(Vec.S, z, off + i));
            }
            max = mv.reduceLanes(VectorOperators.MAX); // exact in any lane order
        }
        for (; i < v; i++) {
            max = Math.max(max, z[off + i]);
        }
        double total = 0;
        i = 0;
        while (i < bound) {
            FloatVector acc = FloatVector.zero(Vec.S);
            int end = Math.min(bound, i + 64 * Vec.L);
            for (; i < end; i += Vec.L) {
                acc = acc.add(Vec.exp(FloatVector.fromArray(Vec.S, z, off + i).sub(max)));
            }
            total += Vec.sumDouble(acc);
        }
        for (; i < v; i++) {
            total += Vec.exp(z[off + i] - max);
        }
        double lse = max + StrictMath.log(total);
        double loss = lse - z[off + target];
        if (gradient) {
            float shift = (float) lse;
            i = 0;
            for (; i < bound; i += Vec.L) {
                Vec.exp(FloatVector.fromArray(Vec.S, z, off + i).sub(shift)).intoArray(z, off + i);
            }
            for (; i < v; i++) {
                z[off + i] = Vec.exp(z[off + i] - shift);
            }
            z[off + target] -= 1f;
        }
        return loss;
    }
}
