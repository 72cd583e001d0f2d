package dev.modelfactory.engine.backend;

/**
 * Llama 3 ("llama3" rope_type) frequency scaling: long wavelengths are divided by {@code factor}, short
 * ones kept, and the band between smoothly interpolated.
 */
public record RopeScaling(float factor, float lowFreqFactor, float highFreqFactor, int originalMaxPosition) {

    public RopeScaling {
        if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || originalMaxPosition <= 0) {
            throw new IllegalArgumentException("bad llama3 rope scaling " + factor + "/" + lowFreqFactor + "/"
                    + highFreqFactor + "/" + originalMaxPosition + ": need factor > 0, high > low > 0, positions > 0");
        }
    }

    /** Llama 3.1's published values. */
    public static RopeScaling llama31() {
        return new RopeScaling(8f, 1f, 4f, 8192);
    }

    /** Applies the scaling to one inverse frequency (radians per position). */
    public double scale(double invFreq) {
        double lowFreqWavelen = originalMaxPosition / (double) lowFreqFactor;
        double highFreqWavelen = originalMaxPosition / (double) highFreqFactor;
        double wavelen = 2 * Math.PI / invFreq;
        if (wavelen < highFreqWavelen) {
            return invFreq;
        }
        if (wavelen > lowFreqWavelen) {
            return invFreq / factor;
        }
        double smooth = (originalMaxPosition / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return (1 - smooth) * invFreq / factor + smooth * invFreq;
    }
}
