package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.fail;

/**
 * Allowed difference from the oracle: {@code |actual - expected| <= atol + rtol·|expected|}, per dtype.
 */
public record Tolerance(double rtol, double atol) {

    /** fp32 element-wise ops (different but correct rounding, vector exp). */
    public static final Tolerance F32 = new Tolerance(2e-5, 1e-6);

    /** fp32 with a reduction of length n: float sums in another order drift like sqrt(n). */
    public static Tolerance f32Sum(int n) {
        return new Tolerance(2e-5, 2e-6 * Math.sqrt(Math.max(1, n)));
    }

    public void check(String what, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + " != " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (!(diff <= atol + rtol * Math.abs(expected[i]))) {
                fail(String.format("%s: element %d is %.9g, expected %.9g (diff %.3g > atol %.3g + rtol %.3g)",
                        what, i, actual[i], expected[i], diff, atol, rtol));
            }
        }
    }
}
