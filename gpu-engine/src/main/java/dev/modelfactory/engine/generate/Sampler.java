package dev.modelfactory.engine.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Picks the next token from logits [V]. Order, as in Hugging Face transformers: repetition penalty,
 * then greedy if temperature is 0 (or top-k is 1); else temperature, top-k, softmax, top-p, min-p,
 * renormalise, draw. The random stream is {@code L64X128MixRandom} seeded from the config, so one
 * sampler replays the same draws for the same seed.
 */
public final class Sampler {

    private final SamplerConfig config;
    private final RandomGenerator random;

    public Sampler(SamplerConfig config) {
        this.config = config;
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    }

    public SamplerConfig config() {
        return config;
    }

    /** The next token; {@code history} (prompt and output so far) feeds the repetition penalty. */
    public int sample(float[] logits, int[] history) {
        float[] l = penalised(logits, history);
        if (config.isGreedy()) {
            return argmax(l);
        }
        double[] p = filtered(l);
        double u = random.nextDouble();
        double cum = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cum += p[i];
                last = i;
                if (u < cum) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * The distribution {@link #sample} draws from (zero where filtered out, summing to 1); for greedy, all
     * mass on the argmax.
     */
    public double[] distribution(float[] logits, int[] history) {
        float[] l = penalised(logits, history);
        if (config.isGreedy()) {
            double[] p = new double[l.length];
            p[argmax(l)] = 1;
            return p;
        }
        return filtered(l);
    }

    /** Index of the largest value, the first one on ties. */
    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** CTRL-style penalty: each distinct seen token's logit is divided (if > 0) or multiplied by it. */
    private float[] penalised(float[] logits, int[] history) {
        float penalty = config.repetitionPenalty();
        if (penalty == 1f || history.length == 0) {
            return logits;
        }
        float[] l = logits.clone();
        boolean[] seen = new boolean[l.length];
        for (int t : history) {
            if (t >= 0 && t < l.length && !seen[t]) {
                seen[t] = true;
                l[t] = l[t] > 0 ? l[t] / penalty : l[t] * penalty;
            }
        }
        return l;
    }

    private double[] filtered(float[] logits) {
        int v = logits.length;
        double[] p = new double[v];
        double t = config.temperature();
        float kth = Float.NEGATIVE_INFINITY;
        int tiesAllowed = v;
        if (config.topK() > 0 && config.topK() < v) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            kth = sorted[v - config.topK()];
            tiesAllowed = config.topK() - countAbove(logits, kth);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            // Ties at the k-th value: the lowest indices win, so exactly k survive.
            boolean keep = logits[i] > kth || (logits[i] == kth && tiesAllowed-- > 0);
            if (keep) {
                p[i] = Math.exp((logits[i] - max) / t);
                sum += p[i];
            }
        }
        for (int i = 0; i < v; i++) {
            p[i] /= sum;
        }
        if (config.topP() < 1f) {
            topP(p, config.topP());
        }
        if (config.minP() > 0f) {
            double pmax = 0;
            for (double x : p) {
                pmax = Math.max(pmax, x);
            }
            double floor = config.minP() * pmax;
            for (int i = 0; i < v; i++) {
                if (p[i] < floor) {
                    p[i] = 0;
                }
            }
        }
        normalise(p);
        return p;
    }

    private static int countAbove(float[] x, float threshold) {
        int n = 0;
        for (float f : x) {
            if (f > threshold) {
                n++;
            }
        }
        return n;
    }

    /** Keeps the smallest set of most likely tokens whose mass reaches {@code top} (at least one). */
    private static void topP(double[] p, double top) {
        int n = 0;
        long[] keys = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                // Non-negative floats order like their bits; ties keep the lower index first.
                keys[n++] = ((long) Float.floatToIntBits((float) p[i]) << 32) | (0xFFFFFFFFL - i);
            }
        }
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        double cum = 0;
        boolean[] keep = new boolean[p.length];
        for (int j = n - 1; j >= 0; j--) {
            int i = (int) (0xFFFFFFFFL - (sorted[j] & 0xFFFFFFFFL));
            keep[i] = true;
            cum += p[i];
            if (cum >= top - 1e-12) {
                break;
            }
        }
        for (int i = 0; i < p.length; i++) {
            if (!keep[i]) {
                p[i] = 0;
            }
        }
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }
}
