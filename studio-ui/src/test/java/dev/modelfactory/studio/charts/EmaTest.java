package dev.modelfactory.studio.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void weightZeroIsTheRawCurve() {
        double[] v = {3, 1, 4, 1, 5};
        assertThat(Ema.smooth(v, v.length, 0)).containsExactly(v);
    }

    @Test
    void debiasingStartsOnTheFirstValueAndKeepsAConstantCurveConstant() {
        double[] v = {2, 2, 2, 2};
        assertThat(Ema.smooth(v, 4, 0.9)).containsExactly(new double[] {2, 2, 2, 2}, within(1e-12));
    }

    @Test
    void matchesTensorBoardsFormulaByHand() {
        // w = 0.5: s1 = 0.5*1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 0.5*3 = 1.75 -> /0.75 = 2.3333
        double[] out = Ema.smooth(new double[] {1, 3}, 2, 0.5);
        assertThat(out[0]).isCloseTo(1.0, within(1e-12));
        assertThat(out[1]).isCloseTo(1.75 / 0.75, within(1e-12));
    }

    @Test
    void skipsMissingValuesWithoutPoisoningTheAverage() {
        double[] out = Ema.smooth(new double[] {1, Double.NaN, 1}, 3, 0.6);
        assertThat(out[0]).isEqualTo(1.0);
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isCloseTo(1.0, within(1e-12));
    }
}
