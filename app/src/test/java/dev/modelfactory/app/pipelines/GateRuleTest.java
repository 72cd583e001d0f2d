package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.pipelines.steps.GateRule;
import dev.modelfactory.engine.eval.stats.PairedComparison;
import org.junit.jupiter.api.Test;

/** The gate's rules on known comparisons. */
class GateRuleTest {

    private static PairedComparison diff(double d, double low, double high) {
        return new PairedComparison(d, low, high, 0, 0, 0, low > 0 || high < 0);
    }

    @Test
    void beatsNeedsTheWholeIntervalAboveTheMargin() {
        assertThat(GateRule.passes("beats", 0, diff(0.30, 0.12, 0.48))).isTrue();
        assertThat(GateRule.passes("beats", 0, diff(0.05, -0.02, 0.12))).as("better on average, inside the noise")
                .isFalse();
        assertThat(GateRule.passes("beats", 0, diff(0, 0, 0))).as("a tie").isFalse();
        assertThat(GateRule.passes("beats", 0.2, diff(0.30, 0.12, 0.48))).as("not by the margin").isFalse();
    }

    @Test
    void notWorseAllowsTheMarginBelowZero() {
        assertThat(GateRule.passes("not_worse", 0, diff(0, 0, 0))).isTrue();
        assertThat(GateRule.passes("not_worse", 0.05, diff(-0.01, -0.04, 0.02))).isTrue();
        assertThat(GateRule.passes("not_worse", 0.05, diff(-0.10, -0.20, 0.00))).isFalse();
        assertThatThrownBy(() -> GateRule.passes("maybe", 0, diff(0, 0, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
