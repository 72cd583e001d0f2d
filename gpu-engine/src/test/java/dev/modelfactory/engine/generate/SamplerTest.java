package dev.modelfactory.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplerTest {

    /** log of the known distribution [0.5, 0.3, 0.15, 0.05]. */
    private static final float[] KNOWN = logs(0.5, 0.3, 0.15, 0.05);
    private static final int[] NONE = {};

    @Test
    void greedyPicksTheArgmaxFirstOnTies() {
        Sampler s = new Sampler(SamplerConfig.greedy());
        assertThat(s.sample(new float[] {0.1f, 3f, 2.9f, -1f}, NONE)).isEqualTo(1);
        assertThat(s.sample(new float[] {-2f, 5f, 5f}, NONE)).isEqualTo(1);
        assertThat(s.distribution(new float[] {0f, 1f, 4f}, NONE)).containsExactly(0, 0, 1);
    }

    @Test
    void topKOfOneIsGreedyAtAnyTemperature() {
        Sampler s = new Sampler(SamplerConfig.temperature(5f, 9).withTopK(1));
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            float[] logits = new float[37];
            for (int j = 0; j < logits.length; j++) {
                logits[j] = (float) r.nextGaussian();
            }
            assertThat(s.sample(logits, NONE)).isEqualTo(Sampler.argmax(logits));
        }
    }

    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        Sampler a = new Sampler(SamplerConfig.temperature(1f, 42));
        Sampler b = new Sampler(SamplerConfig.temperature(1f, 42));
        Sampler c = new Sampler(SamplerConfig.temperature(1f, 43));
        int[] da = new int[300];
        int[] db = new int[300];
        int[] dc = new int[300];
        for (int i = 0; i < 300; i++) {
            da[i] = a.sample(KNOWN, NONE);
            db[i] = b.sample(KNOWN, NONE);
            dc[i] = c.sample(KNOWN, NONE);
        }
        assertThat(da).containsExactly(db);
        assertThat(da).isNotEqualTo(dc);
    }

    @Test
    void drawsFollowTheDistribution() {
        Sampler s = new Sampler(SamplerConfig.temperature(1f, 7));
        int[] counts = new int[4];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            counts[s.sample(KNOWN, NONE)]++;
        }
        assertThat(counts[0] / (double) n).isCloseTo(0.5, within(0.01));
        assertThat(counts[1] / (double) n).isCloseTo(0.3, within(0.01));
        assertThat(counts[2] / (double) n).isCloseTo(0.15, within(0.01));
        assertThat(counts[3] / (double) n).isCloseTo(0.05, within(0.01));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        assertDistribution(SamplerConfig.temperature(1f, 0).withTopP(0.75f), 0.625, 0.375, 0, 0);
        assertDistribution(SamplerConfig.temperature(1f, 0).withTopP(0.81f), 0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0);
        assertDistribution(SamplerConfig.temperature(1f, 0).withTopP(0.3f), 1, 0, 0, 0);
    }

    @Test
    void minPDropsTokensBelowAFractionOfTheBest() {
        assertDistribution(SamplerConfig.temperature(1f, 0).withMinP(0.2f), 0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0);
        assertDistribution(SamplerConfig.temperature(1f, 0).withMinP(0.5f), 0.625, 0.375, 0, 0);
    }

    @Test
    void topKAndTemperature() {
        assertDistribution(SamplerConfig.temperature(1f, 0).withTopK(2), 0.625, 0.375, 0, 0);
        double a = Math.sqrt(0.5);
        double b = Math.sqrt(0.3);
        assertDistribution(SamplerConfig.temperature(2f, 0).withTopK(2), a / (a + b), b / (a + b), 0, 0);
        // Ties at the k-th value keep the lowest indices, exactly k tokens.
        double[] p = new Sampler(SamplerConfig.temperature(1f, 0).withTopK(2)).distribution(new float[] {1, 3, 1, 1}, NONE);
        assertThat(p[2]).isZero();
        assertThat(p[3]).isZero();
        assertThat(p[0]).isPositive();
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        SamplerConfig c = SamplerConfig.temperature(1f, 0).withRepetitionPenalty(2f);
        double[] p = new Sampler(c).distribution(new float[] {2f, -1f, 0.5f, 1f}, new int[] {0, 1, 1});
        // penalised logits: [1, -2, 0.5, 1]
        double z = Math.exp(1) + Math.exp(-2) + Math.exp(0.5) + Math.exp(1);
        assertThat(p[0]).isCloseTo(Math.exp(1) / z, within(1e-6));
        assertThat(p[1]).isCloseTo(Math.exp(-2) / z, within(1e-6));
        assertThat(p[2]).isCloseTo(Math.exp(0.5) / z, within(1e-6));
        assertThat(p[3]).isCloseTo(Math.exp(1) / z, within(1e-6));
        Sampler greedy = new Sampler(SamplerConfig.greedy().withRepetitionPenalty(3f));
        assertThat(greedy.sample(new float[] {3f, 2f, 0f}, new int[] {0})).isEqualTo(1);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> SamplerConfig.temperature(-1f, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> SamplerConfig.greedy().withTopP(0f)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> SamplerConfig.greedy().withRepetitionPenalty(0f)).hasMessageContaining("repetition");
    }

    private static void assertDistribution(SamplerConfig c, double... expected) {
        double[] p = new Sampler(c).distribution(KNOWN, NONE);
        for (int i = 0; i < expected.length; i++) {
            assertThat(p[i]).as("p[%d] with %s", i, c).isCloseTo(expected[i], within(1e-6));
        }
    }

    private static float[] logs(double... p) {
        float[] l = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = (float) Math.log(p[i]);
        }
        return l;
    }
}
