package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Explicit RoPE frequency factors (llama.cpp's {@code rope_freqs.weight}: inv_freq[i] / factor[i]) against
 * the Llama 3 {@link RopeScaling} they are derived from, on every available backend.
 */
class RopeFrequencyFactorsTest {

    /** Head dim 16, theta 1e4: wavelengths 2π·10^(i/2) = 6.3, 19.9, 62.8, 199, 628, ... */
    private static final int HEAD_DIM = 16;
    private static final float THETA = 10000f;
    /** Llama 3.1's factor and band, original context 64: high-frequency cut 16, low-frequency cut 64. */
    private static final RopeScaling SCALING = new RopeScaling(8f, 1f, 4f, 64);
    private static final List<Backend> BACKENDS = Backends.available().stream().map(e -> e.provider().create()).toList();

    static Stream<Named<Backend>> backends() {
        return BACKENDS.stream().map(b -> Named.of(b.name(), b));
    }

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
    }

    /**
     * factor[i] = invFreq_unscaled[i] / invFreq_scaled[i]: 1 below the high-frequency cut (pair 0), the full
     * factor 8 above the low-frequency cut (pairs 3..7), the smooth blend 1/((1-s)/8 + s) between.
     */
    @Test
    void factorsAreUnscaledOverScaledInverseFrequency() {
        float[] factors = SCALING.frequencyFactors(THETA, HEAD_DIM);
        assertThat(factors).hasSize(HEAD_DIM / 2);
        assertThat(factors[0]).isEqualTo(1f);
        for (int i = 3; i < 8; i++) {
            assertThat(factors[i]).as("pair %d", i).isEqualTo(8f);
        }
        // Pair 1: wavelength 2π·10^0.5 = 19.87, smooth = (64/19.87 - 1)/3 = 0.7403, factor = 1/(0.2597/8 + 0.7403).
        assertThat((double) factors[1]).isCloseTo(1.2940, within(1e-4));
        for (int i = 0; i < factors.length; i++) {
            double unscaled = RopeSpec.baseInverseFrequency(THETA, i, HEAD_DIM);
            assertThat((double) factors[i]).as("pair %d", i)
                    .isCloseTo(unscaled / SCALING.scale(unscaled), within(1e-6 * factors[i]));
        }
    }

    @Test
    void scalingAndItsFactorsGiveTheSameInverseFrequencies() {
        RopeSpec scaled = new RopeSpec(THETA, RopeStyle.INTERLEAVED, SCALING);
        RopeSpec factored = new RopeSpec(THETA, RopeStyle.INTERLEAVED, null, SCALING.frequencyFactors(THETA, HEAD_DIM));
        assertThat(factored.inverseFrequencies(HEAD_DIM)).containsExactly(scaled.inverseFrequencies(HEAD_DIM));
        // And both are the direct Llama 3 formula up to the F32 rounding of the factor.
        float[] inv = factored.inverseFrequencies(HEAD_DIM);
        for (int i = 0; i < inv.length; i++) {
            double direct = SCALING.scale(RopeSpec.baseInverseFrequency(THETA, i, HEAD_DIM));
            assertThat((double) inv[i]).as("pair %d", i).isCloseTo(direct, within(2e-7 * direct));
        }
        // Unit factors are plain RoPE.
        float[] ones = new float[HEAD_DIM / 2];
        java.util.Arrays.fill(ones, 1f);
        assertThat(new RopeSpec(THETA, RopeStyle.INTERLEAVED, null, ones).inverseFrequencies(HEAD_DIM))
                .containsExactly(new RopeSpec(THETA, RopeStyle.INTERLEAVED, null).inverseFrequencies(HEAD_DIM));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0}")
    @MethodSource("backends")
    void backendsRotateIdenticallyByScalingOrFactors(Backend be) {
        for (RopeStyle style : RopeStyle.values()) {
            RopeSpec scaled = new RopeSpec(THETA, style, SCALING);
            RopeSpec factored = new RopeSpec(THETA, style, null, SCALING.frequencyFactors(THETA, HEAD_DIM));
            RopeSpec plain = new RopeSpec(THETA, style, null);
            float[] viaScaling = rope(be, scaled);
            assertThat(rope(be, factored)).as(style.toString()).containsExactly(viaScaling);
            // The scaling must matter at these positions, or the equality above proves nothing.
            assertThat(rope(be, plain)).as(style.toString()).isNotEqualTo(viaScaling);
        }
    }

    /** Five tokens at positions 40..44, three heads. */
    private static float[] rope(Backend be, RopeSpec spec) {
        int tokens = 5;
        int heads = 3;
        float[] x = new float[tokens * heads * HEAD_DIM];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        Tensor t = be.upload(x, tokens, heads * HEAD_DIM);
        be.rope(t, heads, HEAD_DIM, 40, spec);
        return be.download(t);
    }

    @Test
    void badFactorsAreRefused() {
        float[] seven = new float[7];
        java.util.Arrays.fill(seven, 1f);
        RopeSpec wrongLength = new RopeSpec(THETA, RopeStyle.INTERLEAVED, null, seven);
        assertThatThrownBy(() -> wrongLength.inverseFrequencies(HEAD_DIM)).hasMessageContaining("7 frequency factors")
                .hasMessageContaining("needs 8");
        assertThatThrownBy(() -> new RopeSpec(THETA, RopeStyle.INTERLEAVED, SCALING, seven))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new RopeSpec(THETA, RopeStyle.INTERLEAVED, null, new float[] {1f, 0f}))
                .hasMessageContaining("factor 1");
        assertThatThrownBy(() -> new RopeSpec(THETA, RopeStyle.INTERLEAVED, null, new float[] {Float.NaN}))
                .hasMessageContaining("factor 0");
    }
}
