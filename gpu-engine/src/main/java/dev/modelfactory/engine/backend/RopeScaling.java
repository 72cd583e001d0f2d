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

    /**
     * The divisor this scaling applies to one inverse frequency, {@code invFreq / scale(invFreq)}: 1 for short
     * wavelengths, {@code factor} for long ones, {@code 1 / ((1 - smooth) / factor + smooth)} between. This is
     * the value llama.cpp's converter stores per pair in {@code rope_freqs.weight}.
     */
    public double frequencyFactor(double invFreq) {
        double wavelen = 2 * Math.PI / invFreq;
        if (wavelen < originalMaxPosition / (double) highFreqFactor) {
            return 1.0;
        }
        if (wavelen > originalMaxPosition / (double) lowFreqFactor) {
            return factor;
        }
        double smooth = (originalMaxPosition / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return 1.0 / ((1 - smooth) / factor + smooth);
    }

    /** {@link #frequencyFactor} of each of the D/2 base inverse frequencies {@code theta^(-2i/D)}, as F32. */
    public float[] frequencyFactors(float theta, int headDim) {
        float[] out = new float[headDim / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) frequencyFactor(RopeSpec.baseInverseFrequency(theta, i, headDim));
        }
        return out;
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
