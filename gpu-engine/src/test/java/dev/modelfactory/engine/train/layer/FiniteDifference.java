package dev.modelfactory.engine.train.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a scalar objective over a float array, against an analytic gradient.
 *
 * <p>Tolerance: the layers compute in fp32, so the objective (summed in double from fp32 outputs) carries a
 * rounding noise of about n·2⁻²⁴·|terms| for n outputs; at the small shapes used here (n ≤ a few hundred,
 * terms of order 1) that is ≤ 1e-5, divided by 2h = 2e-2 it gives ≤ 1e-3 in the difference quotient. The
 * truncation error of the central difference is h²/6·f''' ≈ 2e-5 for smooth layers. So a gradient entry passes
 * when |fd − analytic| ≤ 3e-3 + 1e-2·|analytic|; a wrong formula (a missing term, a transposed index) misses by
 * orders of magnitude more.
 */
final class FiniteDifference {

    static final float H = 1e-2f;

    private FiniteDifference() {
    }

    static void check(String what, float[] x, float[] analytic, DoubleSupplier objective) {
        check(what, x, analytic, objective, 3e-3, 1e-2);
    }

    static void check(String what, float[] x, float[] analytic, DoubleSupplier objective, double abs, double rel) {
        assertThat(analytic).as(what + " gradient size").hasSize(x.length);
        double maxAnalytic = 0;
        for (int i = 0; i < x.length; i++) {
            float saved = x[i];
            x[i] = saved + H;
            double up = objective.getAsDouble();
            x[i] = saved - H;
            double down = objective.getAsDouble();
            x[i] = saved;
            double fd = (up - down) / (2.0 * (double) H);
            maxAnalytic = Math.max(maxAnalytic, Math.abs(analytic[i]));
            assertThat((double) analytic[i]).as(what + "[" + i + "] (finite difference " + fd + ")")
                    .isCloseTo(fd, org.assertj.core.data.Offset.offset(abs + rel * Math.abs(fd)));
        }
        // A check against an all-zero gradient would pass vacuously for a constant objective.
        assertThat(maxAnalytic).as(what + " has a non-zero gradient somewhere").isGreaterThan(1e-3);
    }

    static float[] random(long seed, int n, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** {@code Σ w[i]·y[i]} in double: a scalar whose gradient w.r.t. y is w. */
    static double weighted(float[] y, float[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) y[i] * w[i];
        }
        return s;
    }
}
