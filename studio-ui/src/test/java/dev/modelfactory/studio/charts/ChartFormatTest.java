package dev.modelfactory.studio.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartFormatTest {

    @Test
    void ticksFallOnNiceStepsInsideTheRange() {
        assertThat(ChartFormat.ticks(0, 10, 5)).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(ChartFormat.ticks(-0.3, 0.3, 3)).containsExactly(-0.2, 0.0, 0.2);
        assertThat(ChartFormat.ticks(1, 1, 5)).isEmpty();
        assertThat(ChartFormat.ticks(0, Double.NaN, 5)).isEmpty();
    }

    @Test
    void aRangeBelowTheValuesResolutionEndsWithAFewTicks() {
        // One ulp of range: the step (2e-11) is below half a double's spacing near 1e6 (1.16e-10), so adding
        // it left t unchanged forever and filled the heap (a flat loss curve at a large value does this).
        double hi = Math.nextUp(1e6);
        List<Double> ticks = ChartFormat.ticks(1e6, hi, 5);
        assertThat(ticks).isNotEmpty().hasSizeLessThanOrEqualTo(22).doesNotHaveDuplicates();
        assertThat(ticks).allSatisfy(t -> assertThat(t).isBetween(1e6, hi));
    }
}
