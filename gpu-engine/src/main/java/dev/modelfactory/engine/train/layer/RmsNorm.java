package dev.modelfactory.engine.train.layer;

/**
 * RMSNorm over rows: {@code y = x · r · w} with {@code r = 1/sqrt(mean(x²) + eps)} per row. Shapes: x, y, dy,
 * dx [M, C]; w, dw [C]; r [M] (cached by forward for backward). The mean of squares is summed in double.
 */
public final class RmsNorm {

    private RmsNorm() {
    }

    public static void forward(TrainPool pool, float[] x, float[] w, float eps, float[] y, float[] r, int m, int c) {
        pool.parallelFor(m, 16, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int off = row * c;
                double ss = 0;
                for (int j = 0; j < c; j++) {
                    ss += (double) x[off + j] * x[off + j];
                }
                float inv = (float) (1.0 / Math.sqrt(ss / c + eps));
                r[row] = inv;
                for (int j = 0; j < c; j++) {
                    y[off + j] = x[off + j] * inv * w[j];
                }
            }
        });
    }

    /**
     * Adds the input gradient into {@code dx} ({@code dx += r·(dy·w − n·mean(dy·w·n))} with n = x·r) and, when
     * {@code dw} is not null, the weight gradient ({@code dw += Σ_rows dy·n}).
     */
    public static void backward(TrainPool pool, float[] dy, float[] x, float[] w, float[] r, float[] dx, float[] dw,
            int m, int c) {
        pool.parallelFor(m, 16, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int off = row * c;
                float inv = r[row];
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += (double) dy[off + j] * w[j] * x[off + j];
                }
                float mean = (float) (dot * inv / c);
                for (int j = 0; j < c; j++) {
                    float n = x[off + j] * inv;
                    dx[off + j] += inv * (dy[off + j] * w[j] - n * mean);
                }
            }
        });
        if (dw != null) {
            for (int row = 0; row < m; row++) {
                int off = row * c;
                float inv = r[row];
                for (int j = 0; j < c; j++) {
                    dw[j] += dy[off + j] * x[off + j] * inv;
                }
            }
        }
    }
}
