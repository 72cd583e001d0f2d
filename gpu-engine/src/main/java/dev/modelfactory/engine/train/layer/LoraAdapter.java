package dev.modelfactory.engine.train.layer;

import dev.modelfactory.engine.train.Parameter;
import java.util.SplittableRandom;

/**
 * The trainable half of a LoRA linear layer: {@code Δy = scaling · dropout(x) · Aᵀ · Bᵀ} with A [r, K] and
 * B [N, r] as {@link Parameter}s (values and gradients). Dropout keeps each input element with probability
 * 1 − p and scales kept ones by 1/(1 − p), as {@code torch.nn.Dropout} does; its mask is a function of
 * (step seed, {@code stream}, row) only, so a resumed run redraws exactly the same masks.
 */
public record LoraAdapter(Parameter a, Parameter b, float scaling, float dropout, long stream) {

    public LoraAdapter {
        int[] as = a.shape();
        int[] bs = b.shape();
        if (as.length != 2 || bs.length != 2 || as[0] != bs[1]) {
            throw new IllegalArgumentException("LoRA A " + a + " and B " + b + " need shapes [r, in] and [out, r]");
        }
    }

    public int rank() {
        return a.shape()[0];
    }

    /** The dropout multipliers (0 or 1/(1−p)) of an [m, k] input for the given step seed. */
    float[] mask(TrainPool pool, long seed, int m, int k) {
        float[] mask = new float[m * k];
        float keep = 1f / (1f - dropout);
        long base = mix(seed ^ mix(stream));
        pool.parallelFor(m, 8, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                SplittableRandom r = new SplittableRandom(mix(base + row));
                for (int j = 0, at = row * k; j < k; j++, at++) {
                    mask[at] = r.nextDouble() < dropout ? 0f : keep;
                }
            }
        });
        return mask;
    }

    /** SplitMix64's finaliser: decorrelates nearby seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
