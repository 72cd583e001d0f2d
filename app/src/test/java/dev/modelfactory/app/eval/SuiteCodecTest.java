package dev.modelfactory.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteCodecTest {

    static List<EvalTask> tasks() {
        EvalItem chat = new EvalItem("a1", List.of(new ChatTemplate.Message("system", "Be brief."),
                new ChatTemplate.Message("user", "Capital of France? \"quoted\" ünï")), "Paris", List.of(), -1,
                List.of("geo", "easy"), "row:abc");
        EvalItem mc = new EvalItem("m1", List.of(new ChatTemplate.Message("user", "2+2?")), "4",
                List.of("3", "4", "5"), 1, List.of(), "");
        return List.of(
                new EvalTask("qa", TaskKind.GENERATION, List.of(Metric.EXACT_MATCH), null, null,
                        List.of(chat, EvalItem.of("a2", "1+1?", "2"))),
                new EvalTask("json", TaskKind.GENERATION, List.of(Metric.REGEX_MATCH, Metric.JSON_SCHEMA), "\\d+",
                        "{\"type\":\"object\"}", List.of(EvalItem.of("j1", "give json", "{}"))),
                new EvalTask("mc", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null, List.of(mc)),
                new EvalTask("loss", TaskKind.LOSS, List.of(Metric.LOSS), null, null,
                        List.of(EvalItem.of("l1", "Say hi", "hi"))));
    }

    @Test
    void tasksSurviveTheRoundTripAndEqualTasksWriteEqualText() {
        String json = SuiteCodec.tasksJson(tasks());
        assertThat(SuiteCodec.tasks(json)).isEqualTo(tasks());
        assertThat(SuiteCodec.tasksJson(SuiteCodec.tasks(json))).isEqualTo(json);
        // Keys in the documented order, compact, options only where set.
        assertThat(json).startsWith("[{\"name\":\"qa\",\"kind\":\"generation\",\"metrics\":[\"exact_match\"],"
                + "\"items\":[{\"id\":\"a1\",\"prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},");
        assertThat(json).contains("\"metrics\":[\"regex_match\",\"json_schema\"],\"pattern\":\"\\\\d+\","
                + "\"jsonSchema\":\"{\\\"type\\\":\\\"object\\\"}\",\"items\"");
        assertThat(json).contains("\"choices\":[\"3\",\"4\",\"5\"],\"answer\":1,\"tags\":[],\"source\":\"\"");
    }

    @Test
    void decodingRoundTrips() {
        Decoding d = new Decoding(32, 0.7, 0.9, 42);
        assertThat(SuiteCodec.decoding(SuiteCodec.decodingJson(d))).isEqualTo(d);
        assertThat(SuiteCodec.decodingJson(Decoding.greedy(8)))
                .isEqualTo("{\"maxTokens\":8,\"temperature\":0.0,\"topP\":1.0,\"seed\":0}");
    }

    @Test
    void damagedJsonNamesTheTaskItemAndField() {
        assertThatThrownBy(() -> SuiteCodec.tasks("[{\"name\":\"qa\",\"kind\":\"generation\",\"metrics\":[\"exact_match\"],"
                + "\"items\":[{\"id\":\"7\",\"prompt\":[],\"choices\":[],\"tags\":[]}]}]"))
                .hasMessageContaining("task qa item 7").hasMessageContaining("'reference'");
        assertThatThrownBy(() -> SuiteCodec.tasks("[{\"name\":\"qa\",\"kind\":\"essay\"}]"))
                .hasMessageContaining("task qa").hasMessageContaining("essay");
        assertThatThrownBy(() -> SuiteCodec.tasks("{")).hasMessageContaining("not JSON");
    }
}
