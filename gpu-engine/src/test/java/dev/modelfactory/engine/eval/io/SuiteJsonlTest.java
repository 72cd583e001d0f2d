package dev.modelfactory.engine.eval.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteJsonlTest {

    private static final String SUITE = """
            {"task": "capitals", "kind": "generation", "metrics": ["exact_match", "token_f1"], "id": "q1", "prompt": "Capital of France?", "reference": "Paris", "tags": ["geo", "eu"]}
            {"task": "json", "metrics": ["valid_json", "json_schema", "regex_match"], "pattern": "city", "json_schema": {"type": "object", "required": ["city"]}, "messages": [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "Where?"}], "reference": "{\\"city\\": \\"Paris\\"}"}

            {"task": "capitals", "prompt": "Capital of Italy?", "reference": "Rome", "metrics": ["exact_match", "token_f1"]}
            {"task": "held-out", "kind": "loss", "messages": [], "reference": "Once upon a time", "source": "sha256:abc"}
            {"task": "arith", "prompt": "2+2=", "choices": ["3", "4", "5"], "answer": 1}
            """;

    private static EvalSuite read(String text) throws IOException {
        return SuiteJsonl.read(new BufferedReader(new StringReader(text)), "s.jsonl", "demo", 3, "a demo");
    }

    @Test
    void readsTasksInFirstLineOrderWithDefaults() throws IOException {
        EvalSuite s = read(SUITE);
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.tasks()).extracting(EvalTask::name).containsExactly("capitals", "json", "held-out", "arith");
        EvalTask capitals = s.tasks().get(0);
        assertThat(capitals.items()).hasSize(2);
        assertThat(capitals.items().get(0).tags()).containsExactly("geo", "eu");
        assertThat(capitals.items().get(1).id()).isEqualTo("4"); // default id: the line number
        assertThat(capitals.items().get(1).source()).isEqualTo("s.jsonl:4");
        EvalTask json = s.tasks().get(1);
        assertThat(json.kind()).isEqualTo(TaskKind.GENERATION); // from the metrics
        assertThat(json.jsonSchema()).isEqualTo("{\"type\":\"object\",\"required\":[\"city\"]}");
        assertThat(json.items().getFirst().prompt()).containsExactly(
                new ChatTemplate.Message("system", "Answer in JSON."), new ChatTemplate.Message("user", "Where?"));
        EvalTask loss = s.tasks().get(2);
        assertThat(loss.metrics()).containsExactly(Metric.LOSS);
        assertThat(loss.items().getFirst().prompt()).isEmpty();
        assertThat(loss.items().getFirst().source()).isEqualTo("sha256:abc");
        EvalTask arith = s.tasks().get(3);
        assertThat(arith.kind()).isEqualTo(TaskKind.MULTIPLE_CHOICE); // from its default metric
        assertThat(arith.items().getFirst().reference()).isEqualTo("4");
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        EvalSuite s = read(SUITE);
        Path file = dir.resolve("out.jsonl");
        SuiteJsonl.write(s, file);
        EvalSuite back = SuiteJsonl.read(file, "demo", 3, "a demo");
        assertThat(back).isEqualTo(s);
        StringWriter again = new StringWriter();
        SuiteJsonl.write(back, again);
        assertThat(again.toString()).isEqualTo(Files.readString(file));
        assertThat(Files.list(dir).toList()).containsExactly(file); // no temporary file left
    }

    @Test
    void errorsNameTheFileLineAndField() {
        assertError("{\"task\": \"t\", \"metrics\": [\"exact_match\"], \"prompt\": \"p\"}", 1, "reference", "missing");
        assertError("{\"task\": \"t\", \"metrics\": [\"exact\"], \"prompt\": \"p\", \"reference\": \"r\"}", 1, "metrics",
                "unknown metric 'exact'");
        assertError("\n{\"task\": \"t\", \"prompt\": \"p\", \"reference\": \"r\", \"colour\": 1}", 2, "colour",
                "unknown field");
        assertError("{\"task\": \"t\", \"metrics\": [\"exact_match\"], \"prompt\": \"p\", \"reference\": \"r\"}\n"
                + "{\"task\": \"t\", \"metrics\": [\"bleu\"], \"prompt\": \"q\", \"reference\": \"r\"}", 2, "metrics",
                "already has a different metrics");
        assertError("{\"task\": \"t\", \"prompt\": \"p\", \"choices\": [\"a\", \"b\"], \"answer\": 2}", 1, "answer",
                "not an index");
        assertError("{\"task\": \"t\", \"metrics\": [\"regex_match\"], \"pattern\": \"(\", \"prompt\": \"p\", "
                + "\"reference\": \"r\"}", 1, "pattern", "bad regex");
        assertError("{\"task\": \"t\", \"metrics\": [\"json_schema\"], \"json_schema\": {\"anyOf\": []}, "
                + "\"prompt\": \"p\", \"reference\": \"r\"}", 1, "json_schema", "unsupported keyword 'anyOf'");
        assertError("{\"task\": \"t\", \"kind\": \"loss\", \"metrics\": [\"bleu\"], \"prompt\": \"p\", "
                + "\"reference\": \"r\"}", 1, "metrics", "scores generation tasks");
        assertError("{\"task\": \"t\", \"prompt\": \"p\", \"messages\": [], \"reference\": \"r\"}", 1, "messages",
                "not both");
        assertError("{\"task\": \"t\", \"kind\": \"loss\", \"messages\": [{\"role\": \"bot\", \"content\": \"x\"}], "
                + "\"reference\": \"r\"}", 1, "messages[0].role", "unknown role");
        assertError("{\"task\": \"t\", \"kind\": \"loss\", \"prompt\": \"p\", \"reference\": \"r\", \"id\": \"a\"}\n"
                + "{\"task\": \"t\", \"prompt\": \"p\", \"reference\": \"r\", \"id\": \"a\"}", 2, "id", "already has");
        assertError("{\"task\": \"t\", \"prompt\": \"p\", \"reference\": \"r\"", 1, "", "malformed JSON");
        assertError("{\"task\": \"t\", \"prompt\": \"p\", \"reference\": \"r\"}", 1, "kind", "neither");
        assertError("  \n", 0, "", "no items");
    }

    private static void assertError(String text, long line, String field, String why) {
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(SuiteFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("s.jsonl");
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith("s.jsonl").contains(why);
        });
    }

    @Test
    void aTaskWithoutItemsCannotBeWritten() {
        EvalSuite s = new EvalSuite("x", 1, "", List.of(new EvalTask("empty", TaskKind.LOSS, List.of(Metric.LOSS),
                null, null, List.of())));
        assertThatThrownBy(() -> SuiteJsonl.write(s, new StringWriter())).hasMessageContaining("empty");
    }
}
