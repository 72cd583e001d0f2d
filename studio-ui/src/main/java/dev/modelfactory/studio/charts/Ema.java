package dev.modelfactory.studio.charts;

/**
 * TensorBoard's scalar smoothing: an exponential moving average with weight {@code w} in [0, 1), debiased
 * for its zero start ({@code s_t / (1 - w^t)}), so the smoothed curve starts on the first value instead of
 * rising from zero. Weight 0 returns the raw values.
 */
public final class Ema {

    private Ema() {
    }

    public static double[] smooth(double[] values, int count, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("weight: must be in [0, 1), got " + weight);
        }
        double[] out = new double[count];
        double last = 0;
        double power = 1; // weight^n, kept incrementally (no pow per point)
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            last = last * weight + (1 - weight) * v;
            power *= weight;
            double debias = 1 - power;
            out[i] = debias == 0 ? v : last / debias;
        }
        return out;
    }
}
