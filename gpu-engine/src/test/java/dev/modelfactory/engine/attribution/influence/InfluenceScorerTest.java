package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TracIn and DataInf over stored, unprojected (identity) gradients against direct double-precision formulas. */
class InfluenceScorerTest {

    private static final int ROWS = 37;
    private static final double[] LR = {0.003, 0.001};
    private static final SketchLayout LAYOUT = new SketchLayout(1, List.of(new SketchLayout.Module("l0", 13, 13),
            new SketchLayout.Module("l1", 21, 21)));

    /** grads[c][r][m][i]: checkpoint c, row r, module m. */
    private static float[][][][] grads(SplittableRandom r, int rows) {
        float[][][][] g = new float[LR.length][rows][2][];
        for (int c = 0; c < LR.length; c++) {
            for (int i = 0; i < rows; i++) {
                for (int m = 0; m < 2; m++) {
                    int n = LAYOUT.modules().get(m).size();
                    g[c][i][m] = new float[n];
                    for (int k = 0; k < n; k++) {
                        g[c][i][m][k] = (float) r.nextGaussian() * (m + 1);
                    }
                }
            }
        }
        return g;
    }

    private static SketchSet store(Path dir, float[][][][] g) {
        CountSketch s = new CountSketch(LAYOUT);
        List<SketchManifest.CheckpointSketch> cps = new ArrayList<>();
        for (int c = 0; c < LR.length; c++) {
            try (SketchWriter w = new SketchWriter(SketchStore.fileFor(dir, (c + 1) * 10), g[c].length,
                    LAYOUT.totalDims())) {
                for (float[][] row : g[c]) {
                    w.write(s.sketch(row));
                }
                cps.add(w.finish((c + 1) * 10, LR[c]));
            }
        }
        List<SketchManifest.Row> rows = new ArrayList<>();
        for (int i = 0; i < g[0].length; i++) {
            rows.add(new SketchManifest.Row(i, "h" + i, "c" + i % 3));
        }
        SketchStore.writeManifest(dir, new SketchManifest(SketchManifest.FORMAT, "test", LAYOUT, cps, rows));
        return SketchStore.open(dir);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void tracInIsTheLearningRateWeightedSumOfDotProducts(@TempDir Path dir) {
        SplittableRandom r = new SplittableRandom(3);
        float[][][][] g = grads(r, ROWS);
        float[][][][] q = grads(r, 1);
        try (SketchSet set = store(dir, g)) {
            CountSketch s = new CountSketch(LAYOUT);
            double[] got = InfluenceScorer.scores(set, List.of(s.sketch(q[0][0]), s.sketch(q[1][0])),
                    InfluenceMethod.TRACIN);
            for (int i = 0; i < ROWS; i++) {
                double want = 0;
                for (int c = 0; c < LR.length; c++) {
                    for (int m = 0; m < 2; m++) {
                        want += LR[c] * dot(q[c][0][m], g[c][i][m]);
                    }
                }
                assertThat(got[i]).as("row %d", i).isCloseTo(want, Offset.offset(1e-5 * (1 + Math.abs(want))));
            }
        }
    }

    @Test
    void dataInfIsTheClosedFormPerLayerInverse(@TempDir Path dir) {
        SplittableRandom r = new SplittableRandom(4);
        float[][][][] g = grads(r, ROWS);
        float[][][][] q = grads(r, 1);
        try (SketchSet set = store(dir, g)) {
            CountSketch s = new CountSketch(LAYOUT);
            double[] got = InfluenceScorer.scores(set, List.of(s.sketch(q[0][0]), s.sketch(q[1][0])),
                    InfluenceMethod.DATAINF);
            for (int i = 0; i < ROWS; i++) {
                double want = 0;
                for (int c = 0; c < LR.length; c++) {
                    for (int m = 0; m < 2; m++) {
                        want += LR[c] * dataInf(g[c], q[c][0][m], m, i);
                    }
                }
                assertThat(got[i]).as("row %d", i).isCloseTo(want, Offset.offset(1e-3 * (1 + Math.abs(want))));
            }
        }
    }

    /** q^T [1/(n lambda) sum_j (I - g_j g_j^T / (lambda + |g_j|^2))] g_r, as a dense matrix product. */
    private static double dataInf(float[][][] g, float[] q, int m, int row) {
        int n = g.length;
        int d = q.length;
        double lambda = 0;
        for (float[][] gj : g) {
            lambda += dot(gj[m], gj[m]);
        }
        lambda = 0.1 * lambda / n;
        double[][] h = new double[d][d];
        for (float[][] gj : g) {
            double denom = lambda + dot(gj[m], gj[m]);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    h[a][b] += ((a == b ? 1 : 0) - gj[m][a] * (double) gj[m][b] / denom) / (n * lambda);
                }
            }
        }
        double s = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                s += q[a] * h[a][b] * g[row][m][b];
            }
        }
        return s;
    }

    @Test
    void topFollowsTheScores() {
        double[] scores = {0.5, -2, 3, 0.5, 1};
        assertThat(ContributorShares.top(scores, 3)).containsExactly(2, 4, 0);
        assertThat(ContributorShares.top(scores, 10)).containsExactly(2, 4, 0, 3, 1);
    }
}
