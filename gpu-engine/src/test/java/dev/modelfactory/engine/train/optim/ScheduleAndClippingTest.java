package dev.modelfactory.engine.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.train.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known values of Transformers' get_*_schedule_with_warmup and torch's clip_grad_norm_. */
class ScheduleAndClippingTest {

    @Test
    void linearWithWarmup() {
        LrSchedule s = new LrSchedule(ScheduleKind.LINEAR, 1.0, 2, 10);
        double[] expected = {0, 0.5, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertThat(s.lr(i)).as("step " + i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void cosineWithWarmup() {
        LrSchedule s = new LrSchedule(ScheduleKind.COSINE, 2e-4, 2, 10);
        assertThat(s.lr(1)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.lr(2)).isCloseTo(2e-4, within(1e-15));
        assertThat(s.lr(4)).isCloseTo(2e-4 * 0.8535533905932737, within(1e-15));
        assertThat(s.lr(6)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.lr(10)).isCloseTo(0, within(1e-15));
        // past the end the formula rises again, exactly as Transformers computes it (the trainer never goes there)
        assertThat(s.lr(12)).isCloseTo(2e-4 * 0.14644660940672627, within(1e-15));
    }

    @Test
    void constantWithWarmup() {
        LrSchedule s = new LrSchedule(ScheduleKind.CONSTANT, 3.0, 4, 100);
        assertThat(s.lr(0)).isZero();
        assertThat(s.lr(1)).isEqualTo(0.75);
        assertThat(s.lr(4)).isEqualTo(3.0);
        assertThat(s.lr(99)).isEqualTo(3.0);
        assertThat(new LrSchedule(ScheduleKind.CONSTANT, 3.0, 0, 1).lr(0)).isEqualTo(3.0);
    }

    @Test
    void parseAndValidate() {
        assertThat(ScheduleKind.parse(" Cosine ")).isEqualTo(ScheduleKind.COSINE);
        assertThatThrownBy(() -> ScheduleKind.parse("step")).hasMessageContaining("'step'");
        assertThatThrownBy(() -> new LrSchedule(ScheduleKind.LINEAR, 1, -1, 10)).hasMessageContaining("warmupSteps");
    }

    @Test
    void clipsToTheGlobalNormAndReturnsTheNormBefore() {
        Parameter a = Parameter.zeros("a", 1);
        Parameter b = Parameter.zeros("b", 1);
        a.grad()[0] = 3;
        b.grad()[0] = 4;
        assertThat(GradientClipping.clip(List.of(a, b), 10)).isEqualTo(5.0);
        assertThat(a.grad()[0]).isEqualTo(3f); // under the limit: untouched
        assertThat(GradientClipping.clip(List.of(a, b), 1)).isEqualTo(5.0);
        assertThat(a.grad()[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-6f));
        assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void nonFiniteGradientsAreReportedNotScaled() {
        Parameter a = Parameter.zeros("a", 2);
        a.grad()[0] = Float.NaN;
        a.grad()[1] = 2;
        assertThat(GradientClipping.clip(List.of(a), 1)).isNaN();
        assertThat(a.grad()[1]).isEqualTo(2f);
    }
}
