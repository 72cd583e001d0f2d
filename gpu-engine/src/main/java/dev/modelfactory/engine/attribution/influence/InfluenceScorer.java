package dev.modelfactory.engine.attribution.influence;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores every stored row's influence on one query, from the query's sketched gradient at each checkpoint
 * (sketched with the same layout). Positive = a step on the row lowers the query's loss.
 *
 * <p>TracIn: {@code sum_c lr_c <q_c, g_rc>}.
 *
 * <p>DataInf, per checkpoint c and module (layer) l, with n rows: {@code lambda_l = 0.1 x mean_i |g_il|^2};
 * {@code (H_l + lambda_l I)^-1} is approximated as in Kwon et al. by
 * {@code 1/(n lambda_l) sum_i (I - g_il g_il^T / (lambda_l + |g_il|^2))}, so with
 * {@code a_il = <q_l, g_il> / (lambda_l + |g_il|^2)} and {@code u_l = (1/n) sum_i a_il g_il} the score is
 * {@code sum_l (<q_l, g_rl> - <u_l, g_rl>) / lambda_l} (the paper's influence with its sign flipped to this
 * package's convention), summed over checkpoints weighted by lr_c like TracIn.
 *
 * <p>Rows are processed in blocks in parallel; every pass is a vectorised dot or axpy over the mapped file.
 */
public final class InfluenceScorer {

    /** DataInf's damping as a fraction of the mean squared gradient norm of a layer. */
    public static final double DATAINF_DAMPING = 0.1;
    private static final int BLOCK = 2048;

    private InfluenceScorer() {
    }

    /** @param queries one sketched query gradient per checkpoint of {@code set}, in manifest order */
    public static double[] scores(SketchSet set, List<float[]> queries, InfluenceMethod method) {
        List<SketchManifest.CheckpointSketch> cps = set.manifest().checkpoints();
        if (queries.size() != cps.size()) {
            throw new IllegalArgumentException(queries.size() + " query sketches for " + cps.size() + " checkpoints");
        }
        int rows = set.rows();
        int[] off = set.manifest().layout().offsets();
        double[] total = new double[rows];
        for (int c = 0; c < cps.size(); c++) {
            float[] q = queries.get(c);
            if (q.length != off[off.length - 1]) {
                throw new IllegalArgumentException("query sketch: " + q.length + " floats, the layout has "
                        + off[off.length - 1]);
            }
            double lr = cps.get(c).learningRate();
            double[] s = method == InfluenceMethod.TRACIN ? tracIn(set.matrices().get(c), q, off)
                    : dataInf(set.matrices().get(c), q, off);
            for (int r = 0; r < rows; r++) {
                total[r] += lr * s[r];
            }
        }
        return total;
    }

    static double[] tracIn(SketchMatrix g, float[] q, int[] off) {
        int rows = g.rows();
        int dims = off[off.length - 1];
        double[] out = new double[rows];
        blocks(rows).forEach(b -> {
            for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
                out[r] = g.dot(r, q, 0, dims);
            }
        });
        return out;
    }

    static double[] dataInf(SketchMatrix g, float[] q, int[] off) {
        int rows = g.rows();
        int mods = off.length - 1;
        int dims = off[mods];
        // pass 1: per row and module, <q_l, g_il> and |g_il|^2
        float[] dot = new float[rows * mods];
        float[] norm = new float[rows * mods];
        blocks(rows).forEach(b -> {
            for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
                for (int m = 0; m < mods; m++) {
                    dot[r * mods + m] = g.dot(r, q, off[m], off[m + 1] - off[m]);
                    norm[r * mods + m] = g.normSq(r, off[m], off[m + 1] - off[m]);
                }
            }
        });
        double[] lambda = new double[mods];
        for (int r = 0; r < rows; r++) {
            for (int m = 0; m < mods; m++) {
                lambda[m] += norm[r * mods + m];
            }
        }
        for (int m = 0; m < mods; m++) {
            lambda[m] = Math.max(DATAINF_DAMPING * lambda[m] / rows, 1e-30);
        }
        // pass 2: u_l = (1/n) sum_i a_il g_il, summed per block then reduced
        float[] u = blocks(rows).mapToObj(b -> {
            float[] part = new float[dims];
            for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
                for (int m = 0; m < mods; m++) {
                    float a = (float) (dot[r * mods + m] / (lambda[m] + norm[r * mods + m]) / rows);
                    g.axpy(r, a, part, off[m], off[m + 1] - off[m]);
                }
            }
            return part;
        }).reduce(new float[dims], (x, y) -> {
            float[] s = new float[dims];
            for (int i = 0; i < dims; i++) {
                s[i] = x[i] + y[i];
            }
            return s;
        });
        // pass 3: score_r = sum_l (<q_l, g_rl> - <u_l, g_rl>) / lambda_l
        double[] out = new double[rows];
        blocks(rows).forEach(b -> {
            for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
                double s = 0;
                for (int m = 0; m < mods; m++) {
                    s += (dot[r * mods + m] - g.dot(r, u, off[m], off[m + 1] - off[m])) / lambda[m];
                }
                out[r] = s;
            }
        });
        return out;
    }

    private static IntStream blocks(int rows) {
        return IntStream.range(0, (rows + BLOCK - 1) / BLOCK).parallel();
    }
}
