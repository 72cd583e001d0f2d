package dev.modelfactory.engine.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultStatsTest {

    private static final EvalTask LOSS = new EvalTask("t", TaskKind.LOSS, List.of(Metric.LOSS), null, null,
            List.of(EvalItem.of("1", "p", "r"), EvalItem.of("2", "p", "r")));

    @Test
    void perplexityIsTokenWeightedAndScoresPairInItemOrder() {
        List<ItemOutcome> o = new ArrayList<>();
        // stored out of order: scores must still come back in the task's item order
        o.add(new ItemOutcome("a", "t", "2", "", Map.of(Metric.LOSS, 2.0), 3));
        o.add(new ItemOutcome("a", "t", "1", "", Map.of(Metric.LOSS, 1.0), 1));
        o.add(new ItemOutcome("b", "t", "1", "", Map.of(Metric.LOSS, 0.5), 1));
        o.add(new ItemOutcome("b", "t", "2", "", Map.of(Metric.LOSS, 1.5), 3));
        EvalResult r = new EvalResult("s", 1, "m", Decoding.greedy(1), List.of(EvalSystem.base("a"),
                EvalSystem.base("b")), o);
        assertThat(ResultStats.scores(r, LOSS, "a", Metric.LOSS)).containsExactly(1.0, 2.0);
        // (1 * 1 + 2 * 3) / 4 tokens = 1.75 nats per token
        assertThat(ResultStats.perplexity(r, LOSS, "a")).isCloseTo(Math.exp(1.75), within(1e-12));
        PairedComparison c = ResultStats.compare(r, LOSS, "a", "b", Metric.LOSS);
        assertThat(c.difference()).isCloseTo(-0.5, within(1e-12));
        assertThat(c.wins()).isEqualTo(2); // lower loss wins
        assertThat(ResultStats.summary(r, LOSS, "b", Metric.LOSS).mean()).isEqualTo(1.0);
        assertThatThrownBy(() -> ResultStats.scores(r, LOSS, "c", Metric.LOSS)).hasMessageContaining("no outcome of c");
    }
}
