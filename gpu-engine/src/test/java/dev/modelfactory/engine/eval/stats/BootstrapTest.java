package dev.modelfactory.engine.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void constantScoresGiveAZeroWidthInterval() {
        double[] x = new double[50];
        java.util.Arrays.fill(x, 0.1);
        MetricSummary s = Bootstrap.summary(x, Bootstrap.DEFAULT_RESAMPLES, 7);
        assertThat(s.mean()).isEqualTo(0.1);
        assertThat(s.low()).isEqualTo(0.1);
        assertThat(s.high()).isEqualTo(0.1);
        assertThat(s.n()).isEqualTo(50);
    }

    @Test
    void meanIsExactAndInsideItsDeterministicInterval() {
        double[] x = {0, 1, 1, 0, 1, 1, 1, 0, 1, 1}; // mean 0.7
        MetricSummary s = Bootstrap.summary(x, Bootstrap.DEFAULT_RESAMPLES, 42);
        assertThat(s.mean()).isEqualTo(0.7);
        assertThat(s.low()).isLessThan(0.7).isGreaterThanOrEqualTo(0);
        assertThat(s.high()).isGreaterThan(0.7).isLessThanOrEqualTo(1);
        assertThat(Bootstrap.summary(x, Bootstrap.DEFAULT_RESAMPLES, 42)).isEqualTo(s);
        // the standard error of a Bernoulli mean is sqrt(0.21/10) = 0.145: a 95 % interval is about +-0.28
        assertThat(s.high() - s.low()).isBetween(0.4, 0.7);
    }

    @Test
    void identicalSystemsAreNotSignificant() {
        double[] a = random(200, 1);
        PairedComparison c = Bootstrap.paired(a, a.clone(), true, Bootstrap.DEFAULT_RESAMPLES, 3);
        assertThat(c.difference()).isZero();
        assertThat(c.low()).isZero();
        assertThat(c.high()).isZero();
        assertThat(c.ties()).isEqualTo(200);
        assertThat(c.significant()).isFalse();
    }

    @Test
    void aClearShiftIsSignificantAndCountsWinsByDirection() {
        double[] a = random(100, 1);
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) {
            b[i] = a[i] + (i % 10 == 0 ? -0.05 : 0.2); // B better on 90 items, worse on 10
        }
        PairedComparison up = Bootstrap.paired(a, b, true, Bootstrap.DEFAULT_RESAMPLES, 5);
        assertThat(up.difference()).isCloseTo(0.175, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(up.low()).isGreaterThan(0).isLessThan(up.difference());
        assertThat(up.high()).isGreaterThan(up.difference());
        assertThat(up.significant()).isTrue();
        assertThat(new int[] {up.wins(), up.ties(), up.losses()}).containsExactly(90, 0, 10);
        // for a loss, higher is worse: the same numbers are 10 wins and 90 losses for B
        PairedComparison loss = Bootstrap.paired(a, b, false, Bootstrap.DEFAULT_RESAMPLES, 5);
        assertThat(new int[] {loss.wins(), loss.ties(), loss.losses()}).containsExactly(10, 0, 90);
        assertThat(loss.significant()).isTrue();
    }

    @Test
    void noiseAroundZeroIsNotSignificant() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i % 2; // B wins and loses alternately by the same amount
            b[i] = 1 - a[i];
        }
        PairedComparison c = Bootstrap.paired(a, b, true, Bootstrap.DEFAULT_RESAMPLES, 9);
        assertThat(c.difference()).isZero();
        assertThat(c.low()).isNegative();
        assertThat(c.high()).isPositive();
        assertThat(c.significant()).isFalse();
        assertThat(new int[] {c.wins(), c.ties(), c.losses()}).containsExactly(20, 0, 20);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> Bootstrap.summary(new double[0], 10, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Bootstrap.paired(new double[3], new double[2], true, 10, 1))
                .hasMessageContaining("3 scores for A, 2 for B");
        assertThatThrownBy(() -> Bootstrap.summary(new double[] {1, Double.NaN}, 10, 1))
                .hasMessageContaining("scores[1]");
        assertThatThrownBy(() -> Bootstrap.summary(new double[] {1}, 0, 1)).hasMessageContaining("resamples");
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    @Test
    void intervalsStayInsideTheRangeOfTheScores() {
        double[] scores = new double[60];
        scores[17] = 0.25; // most resamples miss the one non-zero item: their mean is exactly 0, never -0.0000...
        MetricSummary s = Bootstrap.summary(scores, Bootstrap.DEFAULT_RESAMPLES, 3);
        assertThat(s.low()).isEqualTo(0.0);
        assertThat(s.high()).isLessThanOrEqualTo(0.25);
        PairedComparison p = Bootstrap.paired(new double[60], scores, true, Bootstrap.DEFAULT_RESAMPLES, 3);
        assertThat(p.low()).isEqualTo(0.0);
    }
}
