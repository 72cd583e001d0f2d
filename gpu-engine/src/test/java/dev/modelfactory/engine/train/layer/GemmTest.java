package dev.modelfactory.engine.train.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three training GEMMs against textbook double loops, on awkward shapes, 1 and 3 threads. */
class GemmTest {

    private static final TrainPool ONE = new TrainPool(1);
    private static final TrainPool THREE = new TrainPool(3);

    @AfterAll
    static void close() {
        ONE.close();
        THREE.close();
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "5,12,7", "4,16,16", "37,300,45", "70,257,530", "1030,257,20", "9,3,290"})
    void matchesTextbookLoops(int m, int k, int n) {
        float[] x = FiniteDifference.random(1, m * k, 1);
        float[] w = FiniteDifference.random(2, n * k, 1);
        float[] dy = FiniteDifference.random(3, m * n, 1);
        for (TrainPool pool : new TrainPool[] {ONE, THREE}) {
            float[] y = FiniteDifference.random(4, m * n, 1);
            float[] y0 = y.clone();
            Gemm.xwT(pool, x, w, y, m, k, n, true);
            float[] dx = new float[m * k];
            Gemm.dyW(pool, dy, w, dx, m, k, n, false);
            float[] dw = FiniteDifference.random(5, n * k, 1);
            float[] dw0 = dw.clone();
            Gemm.dyTx(pool, dy, x, dw, m, k, n);
            // The pre-packed forms must give the same products and hand back every weight.
            float[] yPacked = y0.clone();
            Gemm.xwT(pool, x, Gemm.packTransposed(w, n, k), yPacked, m, true);
            float[] dxPacked = new float[m * k];
            Gemm.dyW(pool, dy, Gemm.packPlain(w, n, k), dxPacked, m, false);
            assertThat(java.util.Arrays.equals(yPacked, y)).as("x·Wᵀ with W packed equals the plain product").isTrue();
            assertThat(java.util.Arrays.equals(dxPacked, dx)).as("dy·W with W packed equals the plain product").isTrue();
            Gemm.Packed wT = Gemm.packTransposed(w, n, k);
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    if (wT.get(p, j) != w[j * k + p]) {
                        org.junit.jupiter.api.Assertions.fail("packed W[" + j + "," + p + "] lost");
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = y0[i * n + j];
                    for (int p = 0; p < k; p++) {
                        s += (double) x[i * k + p] * w[j * k + p];
                    }
                    near(y[i * n + j], s, k, "y", i, j);
                }
                for (int p = 0; p < k; p++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += (double) dy[i * n + j] * w[j * k + p];
                    }
                    near(dx[i * k + p], s, n, "dx", i, p);
                }
            }
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    double s = dw0[j * k + p];
                    for (int i = 0; i < m; i++) {
                        s += (double) dy[i * n + j] * x[i * k + p];
                    }
                    near(dw[j * k + p], s, m, "dw", j, p);
                }
            }
        }
    }

    /**
     * fp32 sums of n products of values in ±1: error grows like sqrt(n)·2⁻²⁴ per term; 1e-5·n is generous. A
     * plain comparison, since AssertJ per element made this test take 40 s.
     */
    private static void near(float got, double want, int n, String what, int i, int j) {
        if (!(Math.abs(got - want) <= 1e-5 * (n + 1))) {
            org.junit.jupiter.api.Assertions.fail(what + "[" + i + "," + j + "] = " + got + ", expected " + want);
        }
    }
}
