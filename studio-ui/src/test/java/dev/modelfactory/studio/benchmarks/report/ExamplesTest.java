package dev.modelfactory.studio.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.studio.benchmarks.BenchData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    private final List<Example> all = Examples.of(BenchData.suite(), BenchData.result());

    @Test
    void everyItemIsJoinedWithEverySystemsOutcomeInOrder() {
        assertThat(all).hasSize(12).extracting(e -> e.item().id()).startsWith("c1", "c2").endsWith("s3", "s4");
        Example c8 = all.get(7);
        assertThat(c8.promptText()).isEqualTo("Capital of Egypt?");
        assertThat(c8.item().reference()).isEqualTo("Cairo");
        assertThat(c8.outcomes().keySet()).containsExactly("base", "geo", "tone");
        assertThat(c8.outcomes().get("base").output()).isEqualTo("The capital is Cairo");
        assertThat(c8.choicesText()).isEmpty();
        assertThat(all.get(10).choicesText()).isEqualTo("positive | negative*");
    }

    @Test
    void aRightBWrongKeepsTheItemsWhereOnlyAGotIt() {
        assertThat(ids(new ExampleFilter.RightWrong("geo", "base", Metric.EXACT_MATCH)))
                .containsExactly("c2", "c3", "c4", "c8");
        assertThat(ids(new ExampleFilter.RightWrong("base", "geo", Metric.EXACT_MATCH))).containsExactly("c6");
        // by token F1 the base's 0.4 on c8 is still wrong (below 0.5); null = each task's first metric
        assertThat(ids(new ExampleFilter.RightWrong("geo", "base", Metric.TOKEN_F1)))
                .containsExactly("c2", "c3", "c4", "c8");
        assertThat(ids(new ExampleFilter.RightWrong("tone", "geo", null))).containsExactly("c6", "s3", "s4");
    }

    @Test
    void allWrongKeepsTheItemsNoSystemGot() {
        assertThat(ids(new ExampleFilter.AllWrong(Metric.EXACT_MATCH))).containsExactly("c5");
        assertThat(ids(new ExampleFilter.AllWrong(null))).containsExactly("c5");
    }

    @Test
    void aScoreRangeAndATagSelectByValue() {
        assertThat(ids(new ExampleFilter.ScoreRange("base", Metric.TOKEN_F1, 0.3, 0.5))).containsExactly("c8");
        assertThat(ids(new ExampleFilter.Tag("europe"))).containsExactly("c1", "c3", "c6", "c7");
        assertThat(Examples.tags(all)).containsExactly("africa", "americas", "asia", "europe", "oceania", "tone");
        assertThatThrownBy(() -> new ExampleFilter.ScoreRange("base", Metric.TOKEN_F1, 0.6, 0.5))
                .hasMessageContaining("0.6");
    }

    @Test
    void aResultOfAnotherSuiteVersionIsRefusedNamingTheTask() {
        EvalSuite other = new EvalSuite(BenchData.SUITE, 2, "", List.of(BenchData.suite().tasks().get(1)));
        assertThatThrownBy(() -> Examples.of(other, BenchData.result())).hasMessageContaining("capitals")
                .hasMessageContaining("v2");
    }

    private List<String> ids(ExampleFilter f) {
        return Examples.filter(all, f).stream().map(e -> e.item().id()).toList();
    }
}
