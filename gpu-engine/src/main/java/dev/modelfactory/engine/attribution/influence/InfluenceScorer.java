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
 * DataInf needs two passes (the per-module squared norms, query-independent, are computed once per file).
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
        float[] norm = g.moduleNorms(off);
        double[] lambda = new double[mods];
        for (int r = 0; r < rows; r++) {
            for (int m = 0; m < mods; m++) {
                lambda[m] += norm[r * mods + m];
            }
        }
        for (int m = 0; m < mods; m++) {
            lambda[m] = Math.max(DATAINF_DAMPING * lambda[m] / rows, 1e-30);
        }
        // pass 1: u_l = (1/n) sum_i a_il g_il with a_il = <q_l, g_il> / (lambda_l + |g_il|^2), per block then reduced
        float[] u = blocks(rows).mapToObj(b -> {
            float[] part = new float[dims];
            float[] row = new float[dims];
            for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
                g.row(r, row);
                for (int m = 0; m < mods; m++) {
                    float d = Kernels.dot(row, q, off[m], off[m + 1]);
                    Kernels.axpy((float) (d / (lambda[m] + norm[r * mods + m]) / rows), row, part, off[m], off[m + 1]);
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
        // pass 2: score_r = sum_l <q_l - u_l, g_rl> / lambda_l = <w, g_r>
        float[] w = new float[dims];
        for (int m = 0; m < mods; m++) {
            for (int c = off[m]; c < off[m + 1]; c++) {
                w[c] = (float) ((q[c] - u[c]) / lambda[m]);
            }
        }
        return tracIn(g, w, off);
    }

    private static IntStream blocks(int rows) {
        return IntStream.range(0, (rows + BLOCK - 1) / BLOCK).parallel();
    }
}
