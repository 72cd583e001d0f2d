package dev.modelfactory.engine.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {

    private static final EvalItem ITEM = EvalItem.of("1", "Capital of France?", "Paris");

    @Test
    void scoresEveryMetricOfTheTask() {
        EvalTask task = new EvalTask("geo", TaskKind.GENERATION, List.of(Metric.EXACT_MATCH,
                Metric.NORMALIZED_EXACT_MATCH, Metric.CONTAINS, Metric.TOKEN_F1, Metric.ROUGE_L, Metric.BLEU,
                Metric.REGEX_MATCH), "(?i)\\bparis\\b", null, List.of(ITEM));
        Map<Metric, Double> s = Scorers.score(task, ITEM, "It is Paris.");
        assertThat(s).hasSize(7);
        assertThat(s.get(Metric.EXACT_MATCH)).isEqualTo(0);
        assertThat(s.get(Metric.NORMALIZED_EXACT_MATCH)).isEqualTo(0);
        assertThat(s.get(Metric.CONTAINS)).isEqualTo(1);
        assertThat(s.get(Metric.TOKEN_F1)).isCloseTo(0.5, within(1e-12)); // [it, is, paris] vs [paris]
        assertThat(s.get(Metric.ROUGE_L)).isCloseTo(0.5, within(1e-12));
        assertThat(s.get(Metric.REGEX_MATCH)).isEqualTo(1);
        assertThat(Scorers.score(task, ITEM, "London").get(Metric.REGEX_MATCH)).isEqualTo(0);
    }

    @Test
    void jsonMetricsUseTheTaskSchema() {
        EvalTask task = new EvalTask("json", TaskKind.GENERATION, List.of(Metric.VALID_JSON, Metric.JSON_SCHEMA), null,
                "{\"type\": \"object\", \"required\": [\"city\"]}", List.of(ITEM));
        assertThat(Scorers.score(task, ITEM, " {\"city\": \"Paris\"} ")).containsEntry(Metric.VALID_JSON, 1.0)
                .containsEntry(Metric.JSON_SCHEMA, 1.0);
        assertThat(Scorers.score(task, ITEM, "{\"town\": \"Paris\"}")).containsEntry(Metric.VALID_JSON, 1.0)
                .containsEntry(Metric.JSON_SCHEMA, 0.0);
        assertThat(Scorers.score(task, ITEM, "city: Paris")).containsEntry(Metric.VALID_JSON, 0.0)
                .containsEntry(Metric.JSON_SCHEMA, 0.0);
    }

    @Test
    void choiceAccuracyComparesWithTheRightChoice() {
        EvalItem mc = new EvalItem("m", List.of(new ChatTemplate.Message("user", "2+2?")), "4", List.of("3", "4"), 1,
                List.of(), "");
        EvalTask task = new EvalTask("mc", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null,
                List.of(mc));
        assertThat(Scorers.score(task, mc, "4")).containsEntry(Metric.CHOICE_ACCURACY, 1.0);
        assertThat(Scorers.score(task, mc, "3")).containsEntry(Metric.CHOICE_ACCURACY, 0.0);
    }

    @Test
    void validateRejectsBadPatternsSchemasAndOneChoiceItems() {
        EvalTask regex = new EvalTask("r", TaskKind.GENERATION, List.of(Metric.REGEX_MATCH), "[a-", null, List.of());
        assertThatThrownBy(() -> Scorers.validate(regex)).hasMessageContaining("task r").hasMessageContaining("regex");
        EvalTask schema = new EvalTask("s", TaskKind.GENERATION, List.of(Metric.JSON_SCHEMA), null,
                "{\"format\": \"email\"}", List.of());
        assertThatThrownBy(() -> Scorers.validate(schema)).isInstanceOf(JsonSchemaException.class)
                .hasMessageContaining("task s").hasMessageContaining("'format'");
        EvalItem one = new EvalItem("m", List.of(), "4", List.of("4"), 0, List.of(), "");
        EvalTask mc = new EvalTask("mc", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null,
                List.of(one));
        assertThatThrownBy(() -> Scorers.validate(mc)).hasMessageContaining("item m");
        EvalTask loss = new EvalTask("l", TaskKind.LOSS, List.of(Metric.LOSS), null, null, List.of(ITEM));
        assertThatThrownBy(() -> Scorers.score(loss, ITEM, "")).hasMessageContaining("measured by the runner");
    }
}
