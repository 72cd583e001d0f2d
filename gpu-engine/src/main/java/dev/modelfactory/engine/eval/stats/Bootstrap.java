package dev.modelfactory.engine.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap 95 % intervals. Each resample draws n item indices with replacement from a
 * {@link SplittableRandom} seeded by the caller, so the same input and seed give the same interval.
 * A paired comparison resamples item indices once for both systems (the difference per item), which is
 * what makes a small but consistent improvement significant. Percentiles interpolate linearly between
 * the sorted resample means (numpy's default). Means are computed as the first value plus the mean
 * deviation from it, so a constant score gives exactly that constant and a zero-width interval.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 2000;
    private static final double ALPHA = 0.05;

    private Bootstrap() {
    }

    /** Mean of {@code scores} with its bootstrap 95 % interval. */
    public static MetricSummary summary(double[] scores, int resamples, long seed) {
        check(scores, "scores");
        checkResamples(resamples);
        double mean = mean(scores);
        double[] means = resampleMeans(scores, mean, resamples, seed);
        return new MetricSummary(mean, percentile(means, ALPHA / 2), percentile(means, 1 - ALPHA / 2),
                scores.length);
    }

    /**
     * B against A on the same items ({@code a[i]} and {@code b[i]} are one item's scores): the mean of
     * {@code b - a} with its paired bootstrap interval; wins are items where B is better by the metric's
     * direction; significant when the interval excludes 0.
     */
    public static PairedComparison paired(double[] a, double[] b, boolean higherIsBetter, int resamples, long seed) {
        check(a, "a");
        check(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired scores need the same items: " + a.length + " scores for A, "
                    + b.length + " for B");
        }
        checkResamples(resamples);
        double[] diff = new double[a.length];
        int wins = 0;
        int ties = 0;
        for (int i = 0; i < a.length; i++) {
            diff[i] = b[i] - a[i];
            if (b[i] == a[i]) {
                ties++;
            } else if (b[i] > a[i] == higherIsBetter) {
                wins++;
            }
        }
        double mean = mean(diff);
        double[] means = resampleMeans(diff, mean, resamples, seed);
        double low = percentile(means, ALPHA / 2);
        double high = percentile(means, 1 - ALPHA / 2);
        return new PairedComparison(mean, low, high, wins, ties, a.length - wins - ties, low > 0 || high < 0);
    }

    private static double[] resampleMeans(double[] x, double mean, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = x.length;
        double[] means = new double[resamples];
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        for (int r = 0; r < resamples; r++) {
            double deviation = 0;
            for (int i = 0; i < n; i++) {
                deviation += x[random.nextInt(n)] - mean;
            }
            // a mean of x's values lies in [min, max]; the clamp removes the rounding of the centred sum
            // (a resample of zeros would otherwise read -5e-18)
            means[r] = Math.clamp(mean + deviation / n, min, max);
        }
        Arrays.sort(means);
        return means;
    }

    static double mean(double[] x) {
        double deviation = 0;
        for (double v : x) {
            deviation += v - x[0];
        }
        return x[0] + deviation / x.length;
    }

    /** Linear interpolation at rank {@code q * (n - 1)} of sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void check(double[] x, String what) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("no " + what + " to bootstrap (empty)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + x[i] + ", not a finite score");
            }
        }
    }

    private static void checkResamples(int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, was " + resamples);
        }
    }
}
