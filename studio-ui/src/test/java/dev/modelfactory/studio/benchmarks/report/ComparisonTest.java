package dev.modelfactory.studio.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.stats.Bootstrap;
import dev.modelfactory.engine.eval.stats.PairedComparison;
import dev.modelfactory.engine.eval.stats.ResultStats;
import dev.modelfactory.studio.benchmarks.BenchData;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private final Comparison c = Comparison.of(BenchData.result(), "base", 1000, 7);

    @Test
    void tasksMetricsAndItemsKeepTheResultsOrder() {
        assertThat(c.tasks()).containsExactly("capitals", "sentiment");
        assertThat(c.metrics().get("capitals")).containsExactly(Metric.EXACT_MATCH, Metric.TOKEN_F1);
        assertThat(c.itemIds().get("capitals")).containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
        assertThat(c.cells()).hasSize(3 * 3).extracting(Comparison.Cell::system)
                .startsWith("base", "geo", "tone");
    }

    @Test
    void meansAreTheHandWorkedScores() {
        // base right on c1 c6 c7; geo on c1 c2 c3 c4 c7 c8
        assertThat(c.cell("capitals", Metric.EXACT_MATCH, "base").summary().mean()).isCloseTo(3 / 8.0, within(1e-12));
        assertThat(c.cell("capitals", Metric.EXACT_MATCH, "geo").summary().mean()).isCloseTo(6 / 8.0, within(1e-12));
        assertThat(c.cell("capitals", Metric.TOKEN_F1, "base").summary().mean()).isCloseTo(3.4 / 8, within(1e-12));
        assertThat(c.cell("sentiment", Metric.CHOICE_ACCURACY, "tone").summary().mean()).isEqualTo(1.0);
        assertThat(c.cell("sentiment", Metric.CHOICE_ACCURACY, "tone").summary().n()).isEqualTo(4);
    }

    @Test
    void deltasArePairedAgainstTheBaselineOnTheSameItemsAndTheBaselineHasNone() {
        assertThat(c.cell("capitals", Metric.EXACT_MATCH, "base").delta()).isEmpty();
        double[] base = {1, 0, 0, 0, 0, 1, 1, 0};
        double[] geo = {1, 1, 1, 1, 0, 0, 1, 1};
        PairedComparison expected = Bootstrap.paired(base, geo, true, 1000, 7);
        PairedComparison d = c.cell("capitals", Metric.EXACT_MATCH, "geo").delta().orElseThrow();
        assertThat(d).isEqualTo(expected);
        assertThat(d.difference()).isCloseTo(3 / 8.0, within(1e-12));
        assertThat(d.wins()).isEqualTo(4);
        assertThat(d.losses()).isEqualTo(1);
        assertThat(d.ties()).isEqualTo(3);
    }

    @Test
    void anotherBaselineTurnsTheDeltasAround() {
        Comparison geoBase = Comparison.of(BenchData.result(), "geo", 1000, 7);
        assertThat(geoBase.cell("capitals", Metric.EXACT_MATCH, "geo").delta()).isEmpty();
        assertThat(geoBase.cell("capitals", Metric.EXACT_MATCH, "base").delta().orElseThrow().difference())
                .isCloseTo(-3 / 8.0, within(1e-12));
    }

    @Test
    void theSameSeedGivesTheSameIntervals() {
        assertThat(Comparison.of(BenchData.result(), "base", 1000, 7).cells()).isEqualTo(c.cells());
    }

    @Test
    void aVerdictFollowsTheMetricsDirection() {
        PairedComparison lower = new PairedComparison(-0.2, -0.3, -0.1, 5, 0, 1, true);
        assertThat(Verdict.of(Metric.LOSS, lower)).isEqualTo(Verdict.BETTER);
        assertThat(Verdict.of(Metric.EXACT_MATCH, lower)).isEqualTo(Verdict.WORSE);
        assertThat(Verdict.of(Metric.EXACT_MATCH, new PairedComparison(0.2, -0.1, 0.5, 3, 0, 1, false)))
                .isEqualTo(Verdict.NOISE);
        assertThat(Verdict.deltaText(Metric.LOSS, lower)).isEqualTo("-0.200 [-0.300, -0.100] \u25B2");
    }

    @Test
    void withTheSuiteTheNumbersAreTheEnginesResultStats() {
        var suite = BenchData.suite();
        var result = BenchData.result();
        Comparison page = Comparison.of(suite, result, "geo");
        for (Comparison.Cell cell : page.cells()) {
            var task = suite.tasks().stream().filter(t -> t.name().equals(cell.task())).findFirst().orElseThrow();
            assertThat(cell.summary()).isEqualTo(ResultStats.summary(result, task, cell.system(), cell.metric()));
            if (!cell.system().equals("geo")) {
                assertThat(cell.delta()).contains(ResultStats.compare(result, task, "geo", cell.system(),
                        cell.metric()));
            }
        }
    }

    @Test
    void anUnknownBaselineIsRefusedByName() {
        assertThatThrownBy(() -> Comparison.of(BenchData.result(), "nope", 100, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("geo");
    }
}
