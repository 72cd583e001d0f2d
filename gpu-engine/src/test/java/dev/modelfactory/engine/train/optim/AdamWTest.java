package dev.modelfactory.engine.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.train.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamWTest {

    private static final AdamWConfig CFG = new AdamWConfig(0.9, 0.999, 1e-8, 0.01);

    /**
     * Constant gradient 0.5 from p = 1 at lr 0.1, wd 0.01: bias correction makes m̂ = 0.5 and v̂ = 0.25 at
     * every step, so each update is lr·0.5/(0.5 + 1e-8) after decaying p by (1 − 0.001):
     * p1 = 0.999 − 0.099999998 = 0.899000002, p2 = 0.899000002·0.999 − 0.099999998 = 0.798101004.
     */
    @Test
    void constantGradientKnownAnswer() {
        Parameter w = new Parameter("layer.weight", new int[] {1, 1}, new float[] {1f});
        Parameter norm = new Parameter("attn_norm.weight", new int[] {1}, new float[] {1f});
        AdamW opt = new AdamW(CFG);
        w.grad()[0] = 0.5f;
        norm.grad()[0] = 0.5f;
        opt.step(List.of(w, norm), 0.1);
        assertThat(w.value()[0]).isCloseTo(0.899000002f, within(1e-6f));
        assertThat(norm.value()[0]).isCloseTo(0.900000002f, within(1e-6f)); // no decay on norm weights
        opt.step(List.of(w, norm), 0.1);
        assertThat(w.value()[0]).isCloseTo(0.798101004f, within(1e-6f));
        assertThat(norm.value()[0]).isCloseTo(0.800000004f, within(1e-6f));
        assertThat(opt.step()).isEqualTo(2);
    }

    /** Varying gradients and learning rates against torch.optim.AdamW's documented algorithm, in double. */
    @Test
    void matchesTheReferenceAlgorithmOverManySteps() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 5;
        Parameter p = new Parameter("lora_A.weight", new int[] {1, n}, new float[n]);
        double[] ref = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            p.value()[i] = (float) r.nextDouble(-1, 1);
            ref[i] = p.value()[i];
        }
        AdamW opt = new AdamW(CFG);
        for (int t = 1; t <= 20; t++) {
            double lr = 0.01 * t;
            for (int i = 0; i < n; i++) {
                float g = (float) r.nextDouble(-2, 2);
                p.grad()[i] = g;
                ref[i] *= 1 - lr * 0.01;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                ref[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            opt.step(List.of(p), lr);
        }
        for (int i = 0; i < n; i++) {
            assertThat((double) p.value()[i]).isCloseTo(ref[i], within(1e-5));
        }
    }

    @Test
    void stateRestoresExactly() {
        Parameter a = new Parameter("a.weight", new int[] {2, 2}, new float[] {1, 2, 3, 4});
        Parameter b = new Parameter("a.weight", new int[] {2, 2}, new float[] {1, 2, 3, 4});
        AdamW first = new AdamW(CFG);
        a.grad()[1] = 0.3f;
        first.step(List.of(a), 0.05);
        AdamW second = new AdamW(CFG);
        second.restore(first.state(), List.of(b));
        System.arraycopy(a.value(), 0, b.value(), 0, 4);
        a.grad()[2] = -0.7f;
        b.grad()[1] = 0.3f;
        b.grad()[2] = -0.7f;
        first.step(List.of(a), 0.05);
        second.step(List.of(b), 0.05);
        assertThat(b.value()).containsExactly(a.value());
        assertThat(second.step()).isEqualTo(2);
    }

    @Test
    void restoreRejectsWrongSizes() {
        Parameter a = new Parameter("a.weight", new int[] {2, 2}, new float[4]);
        AdamW.State s = new AdamW.State(3, java.util.Map.of("a.weight", new float[3]),
                java.util.Map.of("a.weight", new float[4]));
        assertThatThrownBy(() -> new AdamW(CFG).restore(s, List.of(a))).hasMessageContaining("a.weight");
    }

    @Test
    void decayPolicy() {
        assertThat(AdamW.decays(Parameter.zeros("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight", 4, 2)))
                .isTrue();
        assertThat(AdamW.decays(Parameter.zeros("blk.0.attn_q.bias", 4))).isFalse();
        assertThat(AdamW.decays(Parameter.zeros("model.norm.weight", 4))).isFalse();
        assertThat(AdamW.decays(Parameter.zeros("blk.0.ffn_norm.weight", 1, 4))).isFalse();
    }
}
