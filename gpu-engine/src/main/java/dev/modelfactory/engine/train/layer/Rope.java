package dev.modelfactory.engine.train.layer;

import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.backend.RopeStyle;

/**
 * Rotary position embedding on x [M, H·D] in place, each row at its own position (from
 * {@code TrainingBatch.positions}, so packed samples restart at 0). Pair i (i in [0, D/2)) of a head is
 * (i, i + D/2) for {@link RopeStyle#ROTATE_HALF} or (2i, 2i+1) for {@link RopeStyle#INTERLEAVED}, rotated by
 * {@code pos · invFreq[i]}, the inverse frequencies of {@link RopeSpec#inverseFrequencies} (Llama 3 scaling and
 * rope_freqs included, as the forward has it). A rotation's transpose is the rotation by minus the angle, so
 * backward is the same loop with sin negated.
 */
public final class Rope {

    private final RopeStyle style;
    private final int headDim;
    private final int maxPos;
    /** cos and sin [maxPos, D/2], computed in double (StrictMath: the same bits in every JVM) and rounded once. */
    private final float[] cos;
    private final float[] sin;

    public Rope(RopeSpec spec, int headDim, int maxPos) {
        this.style = spec.style();
        this.headDim = headDim;
        this.maxPos = maxPos;
        float[] inv = spec.inverseFrequencies(headDim);
        int half = headDim / 2;
        this.cos = new float[maxPos * half];
        this.sin = new float[maxPos * half];
        for (int p = 0; p < maxPos; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (double) p * inv[i];
                cos[p * half + i] = (float) StrictMath.cos(angle);
                sin[p * half + i] = (float) StrictMath.sin(angle);
            }
        }
    }

    public void forward(TrainPool pool, float[] x, int heads, int[] positions, int m) {
        apply(pool, x, heads, positions, m, 1f);
    }

    /** dx from dy, in place: the inverse rotation. */
    public void backward(TrainPool pool, float[] dy, int heads, int[] positions, int m) {
        apply(pool, dy, heads, positions, m, -1f);
    }

    private void apply(TrainPool pool, float[] x, int heads, int[] positions, int m, float sign) {
        int half = headDim / 2;
        boolean rotateHalf = style == RopeStyle.ROTATE_HALF;
        pool.parallelFor(m, 32, (r0, r1) -> {
            for (int t = r0; t < r1; t++) {
                int pos = positions[t];
                if (pos < 0 || pos >= maxPos) {
                    throw new IllegalArgumentException("position " + pos + " at token " + t + " is outside [0, "
                            + maxPos + ")");
                }
                int tab = pos * half;
                for (int h = 0; h < heads; h++) {
                    int base = (t * heads + h) * headDim;
                    for (int i = 0; i < half; i++) {
                        int i0 = rotateHalf ? base + i : base + 2 * i;
                        int i1 = rotateHalf ? base + i + half : base + 2 * i + 1;
                        float c = cos[tab + i];
                        float s = sign * sin[tab + i];
                        float a = x[i0];
                        float b = x[i1];
                        x[i0] = a * c - b * s;
                        x[i1] = b * c + a * s;
                    }
                }
            }
        });
    }
}
