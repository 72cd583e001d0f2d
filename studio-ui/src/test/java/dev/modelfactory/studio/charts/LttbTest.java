package dev.modelfactory.studio.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LttbTest {

    private static double[] xs(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i);
        return x;
    }

    @Test
    void keepsFirstAndLastAndReturnsExactlyTheThresholdInAscendingOrder() {
        Random r = new Random(3);
        double[] y = new double[100_000];
        Arrays.setAll(y, i -> r.nextGaussian());
        int[] idx = Lttb.select(xs(y.length), y, 0, y.length, 1_000);
        assertThat(idx).hasSize(1_000);
        assertThat(idx[0]).isZero();
        assertThat(idx[idx.length - 1]).isEqualTo(y.length - 1);
        for (int i = 1; i < idx.length; i++) {
            assertThat(idx[i]).isGreaterThan(idx[i - 1]);
        }
    }

    @Test
    void picksTheSpikesOfAFlatSeries() {
        double[] y = new double[10_000];
        y[2_345] = 50;
        y[7_777] = -40;
        int[] idx = Lttb.select(xs(y.length), y, 0, y.length, 100);
        assertThat(idx).contains(2_345, 7_777);
    }

    @Test
    void keepsTheExtremesOfASine() {
        double[] y = new double[20_000];
        Arrays.setAll(y, i -> Math.sin(i * 2 * Math.PI / 5_000)); // 4 periods: maxima near 1250, 6250, ...
        int[] idx = Lttb.select(xs(y.length), y, 0, y.length, 200);
        double max = Arrays.stream(idx).mapToDouble(i -> y[i]).max().orElseThrow();
        double min = Arrays.stream(idx).mapToDouble(i -> y[i]).min().orElseThrow();
        assertThat(max).isGreaterThan(0.999);
        assertThat(min).isLessThan(-0.999);
    }

    @Test
    void returnsEveryPointOfASmallRangeAndHonoursTheRangeOffset() {
        double[] y = {5, 1, 4, 2, 8, 3};
        assertThat(Lttb.select(xs(6), y, 1, 5, 10)).containsExactly(1, 2, 3, 4);
        int[] sub = Lttb.select(xs(6), y, 1, 6, 3);
        assertThat(sub).hasSize(3).startsWith(1).endsWith(5);
    }

    @Test
    void refusesAThresholdBelowThreeAndARangeOutsideTheArrays() {
        assertThatThrownBy(() -> Lttb.select(xs(5), new double[5], 0, 5, 2)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> Lttb.select(xs(5), new double[5], 0, 6, 3)).hasMessageContaining("range");
    }
}
