package dev.modelfactory.app.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.training.TrainingTestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval family end to end on a tiny random model, a tiny skill dataset and an adapter trained for two steps. */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(Path ws, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = ws.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void suitesAreMadeRunStoredAndCompared() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        Run train = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--max-steps", "2",
                "--batch", "4", "--seq-len", "64", "--json");
        assertThat(train.code()).as(train.err()).isZero();
        long trainRun = train.json().get("runId").asLong();

        Run created = run(ws, "eval", "suites", "create", "--name", "skill-test", "--from-dataset", "skills", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        int items = created.json().get("items").asInt();
        assertThat(items).isPositive();
        Run again = run(ws, "eval", "suites", "create", "--name", "skill-test", "--from-dataset", "skills", "--json");
        assertThat(again.json().get("version").asInt()).as("same content, same version").isEqualTo(1);
        Run other = run(ws, "eval", "suites", "create", "--name", "skill-test", "--from-dataset", "skills",
                "--metrics", "exact_match", "--json");
        assertThat(other.json().get("version").asInt()).as("other metrics, next version").isEqualTo(2);
        assertThat(run(ws, "eval", "suites", "--json").json()).hasSize(2);

        Run eval = run(ws, "eval", "--suite", "skill-test@1", "--model", model.toString(), "--adapter",
                "run:" + trainRun, "--max-tokens", "4", "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.err()).contains("eval base: " + items + "/" + items + " items");
        JsonNode result = eval.json();
        long runA = result.get("id").asLong();
        assertThat(result.get("outputs").asInt()).isEqualTo(2 * items);
        assertThat(result.get("decoding").get("maxTokens").asInt()).isEqualTo(4);
        assertThat(result.get("decoding").get("temperature").asDouble()).isZero();
        assertThat(result.get("systems").get(1).get("adapterHash").asText()).isEqualTo(train.json()
                .get("adapterHash").asText());
        Map<String, Double> means = new HashMap<>();
        assertThat(result.get("summary")).hasSize(4); // 2 systems x 1 task x 2 metrics
        for (JsonNode s : result.get("summary")) {
            double mean = s.get("mean").asDouble();
            assertThat(s.get("n").asInt()).isEqualTo(items);
            assertThat(mean).isBetween(0.0, 1.0).isBetween(s.get("low").asDouble(), s.get("high").asDouble());
            means.put(s.get("system").asText() + "/" + s.get("metric").asText(), mean);
        }
        Run human = run(ws, "eval", "--suite", "skill-test", "--model", model.toString(), "--max-tokens", "4");
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("Stored as eval run").containsPattern("base\\s+skills\\s+exact_match\\s+"
                + "\\d\\.\\d{4} \\[\\d\\.\\d{4}, \\d\\.\\d{4}\\]");
        Run baseOnly = run(ws, "eval", "--suite", "skill-test@1", "--model", model.toString(), "--max-tokens", "4",
                "--json");
        long runB = baseOnly.json().get("id").asLong();
        assertThat(run(ws, "eval", "results", "--json").json()).hasSize(3);

        // Within one run: the adapter against the base; the difference is the difference of the means.
        Run within = run(ws, "eval", "compare", Long.toString(runA), "--baseline", "base", "--metric", "token_f1",
                "--json");
        assertThat(within.code()).as(within.err()).isZero();
        JsonNode c = within.json().get("comparisons");
        assertThat(c).hasSize(1);
        JsonNode row = c.get(0);
        assertThat(row.get("system").asText()).isEqualTo("run " + trainRun);
        assertThat(row.get("difference").asDouble()).isCloseTo(means.get("run " + trainRun + "/token_f1")
                - means.get("base/token_f1"), within(1e-9));
        assertThat(row.get("wins").asInt() + row.get("ties").asInt() + row.get("losses").asInt()).isEqualTo(items);

        // The same comparison as files: the HTML parses as XML with its charts, the CSV has a row per output.
        Path html = dir.resolve("report.html");
        Path csv = dir.resolve("report.csv");
        Run report = run(ws, "eval", "report", Long.toString(runA), "--baseline", "base", "--html", html.toString(),
                "--csv", csv.toString(), "--json");
        assertThat(report.code()).as(report.err()).isZero();
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(html.toFile());
        assertThat(doc.getElementsByTagName("svg").getLength()).isPositive();
        assertThat(Files.readString(html)).contains("run " + trainRun).doesNotContain("<script");
        assertThat(Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count()).isEqualTo(2L * items + 1);
        assertThat(run(ws, "eval", "report", Long.toString(runA), "--html", html.toString(), "--baseline", "nobody")
                .err()).contains("--baseline nobody");
        assertThat(run(ws, "eval", "report", Long.toString(runA)).code()).isEqualTo(ExitCodes.BAD_INPUT);

        // Across runs: greedy decoding is deterministic, so the base against itself ties on every item.
        Run across = run(ws, "eval", "compare", Long.toString(runB), Long.toString(runA), "--system-b", "base",
                "--json");
        assertThat(across.code()).as(across.err()).isZero();
        for (JsonNode r : across.json().get("comparisons")) {
            assertThat(r.get("difference").asDouble()).isZero();
            assertThat(r.get("ties").asInt()).isEqualTo(items);
            assertThat(r.get("significant").asBoolean()).isFalse();
        }

        // Runs of different suite versions cannot be paired.
        long runC = run(ws, "eval", "--suite", "skill-test@2", "--model", model.toString(), "--max-tokens", "2",
                "--json").json().get("id").asLong();
        Run mismatch = run(ws, "eval", "compare", Long.toString(runB), Long.toString(runC));
        assertThat(mismatch.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(mismatch.err()).contains("different suites").contains("skill-test@1").contains("skill-test@2");
        // An adapter trained on another shape is the user's mistake: exit 2 naming the system, nothing stored.
        Path wider = TrainingTestData.tinyModel(Files.createDirectories(dir.resolve("wider")), 48);
        Run misfit = run(ws, "eval", "--suite", "skill-test@1", "--model", wider.toString(), "--adapter",
                "run:" + trainRun, "--max-tokens", "2");
        assertThat(misfit.code()).as(misfit.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(misfit.err()).contains("run " + trainRun);
        assertThat(run(ws, "eval", "results", "--json").json()).hasSize(4);
        Run ambiguous = run(ws, "eval", "compare", Long.toString(runA), Long.toString(runB));
        assertThat(ambiguous.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ambiguous.err()).contains("--system-a").contains("pick one");
    }

    @Test
    void importedSuitesAreCheckedAndBadInputExitsTwo() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        Path good = Files.writeString(dir.resolve("good.jsonl"),
                "{\"task\": \"echo\", \"metrics\": [\"contains\"], \"id\": \"a\", \"prompt\": \"Say A\", \"reference\": \"A\"}\n"
                        + "{\"task\": \"echo\", \"id\": \"b\", \"prompt\": \"Say P\", \"reference\": \"P\"}\n");
        Run imported = run(ws, "eval", "suites", "import", good.toString(), "--name", "echo", "--json");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.json().get("items").asInt()).isEqualTo(2);
        assertThat(run(ws, "eval", "suites", "import", good.toString(), "--name", "echo", "--json").json()
                .get("version").asInt()).isEqualTo(1);

        Path bad = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"task\": \"echo\", \"prompt\": \"Say A\", \"reference\": \"A\"}\n{\"task\": \"echo\", \"prompt\": 3,\n");
        Run refused = run(ws, "eval", "suites", "import", bad.toString(), "--name", "broken");
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("bad.jsonl").contains("2");
        assertThat(run(ws, "eval", "suites", "--json").json()).hasSize(1);

        Run eval = run(ws, "eval", "--suite", "echo", "--model", model.toString(), "--max-tokens", "2", "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.json().get("summary").get(0).get("metric").asText()).isEqualTo("contains");

        assertThat(run(ws, "eval", "--model", model.toString()).err()).contains("--suite");
        Run noSuite = run(ws, "eval", "--suite", "nope", "--model", model.toString());
        assertThat(noSuite.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noSuite.err()).contains("no suite named nope");
        Run noAdapter = run(ws, "eval", "--suite", "echo", "--model", model.toString(), "--adapter", "run:99");
        assertThat(noAdapter.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noAdapter.err()).contains("run:99");
        Run badMetric = run(ws, "eval", "suites", "create", "--name", "x", "--from-dataset", "skills", "--metrics", "f2");
        assertThat(badMetric.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badMetric.err()).contains("unknown metric 'f2'");
        Run noDataset = run(ws, "eval", "suites", "create", "--name", "x", "--from-dataset", "nothing");
        assertThat(noDataset.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noDataset.err()).contains("no dataset named nothing");
        assertThat(run(ws, "eval", "compare", "42", "--baseline", "base").err()).contains("no evaluation run 42");
        assertThat(run(ws, "eval", "results", "--json").json()).hasSize(1);
    }
}
