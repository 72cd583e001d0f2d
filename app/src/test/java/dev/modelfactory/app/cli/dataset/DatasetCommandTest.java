package dev.modelfactory.app.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset commands against real temp workspaces: JSON shapes, exit codes, messages. */
class DatasetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", tmp.resolve("ws").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static String alpaca(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append("{\"instruction\":\"Question ").append(n).append("\",\"output\":\"Answer ").append(n).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void importPrintsTheAgreedJsonAndKeepsTheRows() throws Exception {
        Path f = file("good.jsonl", alpaca("a", "b", "c", "a"));
        Run r = run("dataset", "import", f.toString(), "--name", "qa", "--contributor", "alice", "--license", "CC-BY-4.0",
                "--uses", "train,evaluate", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("dataset").asText()).isEqualTo("qa");
        assertThat(j.get("imported").asLong()).isEqualTo(4);
        assertThat(j.get("rejected").asLong()).isZero();
        assertThat(j.get("errors").isArray()).isTrue();
        assertThat(j.get("errors")).isEmpty();
        assertThat(j.get("seconds").isNumber()).isTrue();
        assertThat(j.get("duplicatesInFile").asLong()).isEqualTo(1);
        assertThat(j.get("format").asText()).isEqualTo("alpaca");
        assertThat(r.err()).contains("importing good.jsonl: 100%");

        JsonNode list = run("dataset", "list", "--json").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("qa");
        assertThat(list.get(0).get("rows").asLong()).isEqualTo(4);
    }

    @Test
    void aBadFileIsExit2NamingTheLineAndTheGoodRowsAreKept() throws Exception {
        Path f = file("bad.jsonl", alpaca("a") + "{not json\n" + "{\"instruction\":\"no output\"}\n" + alpaca("b"));
        Run r = run("dataset", "import", f.toString(), "--name", "qa", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("bad.jsonl line 2:").contains("bad.jsonl line 3: missing required field 'output'");
        JsonNode j = r.json();
        assertThat(j.get("imported").asLong()).isEqualTo(2);
        assertThat(j.get("rejected").asLong()).isEqualTo(2);
        assertThat(j.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(j.get("errors").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(j.get("errors").get(1).get("reason").asText()).isEqualTo("missing required field 'output'");
        assertThat(run("dataset", "show", "qa", "--json").json().get("rows").asLong()).isEqualTo(2);
    }

    @Test
    void badOptionsAndMissingFilesAreExit2() throws Exception {
        Path f = file("a.jsonl", alpaca("a"));
        assertThat(run("dataset", "import", tmp.resolve("none.jsonl").toString(), "--name", "x").err()).contains("none.jsonl: no such file");
        Run uses = run("dataset", "import", f.toString(), "--name", "x", "--uses", "train,resell");
        assertThat(uses.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(uses.err()).contains("--uses: unknown use 'resell'");
        Run contributor = run("dataset", "import", f.toString(), "--name", "x", "--contributor", "0x123");
        assertThat(contributor.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(contributor.err()).contains("--contributor");
        Run format = run("dataset", "import", f.toString(), "--name", "x", "--format", "yaml");
        assertThat(format.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(format.err()).contains("--format: unknown format 'yaml'");
        Run ratios = run("dataset", "split", "x", "--ratios", "0.5,0.6,0.1", "--seed", "1");
        assertThat(ratios.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ratios.err()).contains("--ratios");
    }

    @Test
    void anUnknownDatasetIsExit2WithAClearMessageForEveryCommand() {
        List<List<String>> commands = List.of(List.of("show", "nope"), List.of("check", "nope"), List.of("dedupe", "nope"),
                List.of("split", "nope", "--ratios", "0.8,0.1,0.1", "--seed", "1"), List.of("freeze", "nope"),
                List.of("diff", "nope", "abcdef", "abcdef"), List.of("export", "nope", "--format", "alpaca", "--out",
                        tmp.resolve("o.jsonl").toString()), List.of("undo", "nope"), List.of("redo", "nope"),
                List.of("history", "nope"));
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(List.of("dataset"));
            args.addAll(c);
            args.add("--json");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", c)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", c)).contains("no dataset named 'nope'");
            assertThat(r.out()).contains("\"kind\" : \"bad-input\"");
        }
    }

    @Test
    void showCountsAndPermissionExclusionsByContributor() throws Exception {
        run("dataset", "import", file("a.jsonl", alpaca("a", "b", "c")).toString(), "--name", "qa", "--contributor", "alice",
                "--uses", "train");
        run("dataset", "import", file("b.jsonl", alpaca("d")).toString(), "--name", "qa", "--contributor", "bob",
                "--uses", "train,commercial");
        Run text = run("dataset", "show", "qa");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("qa: 4 rows").contains("3 rows excluded from commercial: alice (3)")
                .contains("4 rows excluded from evaluate: alice (3), bob (1)");
        JsonNode j = run("dataset", "show", "qa", "--json").json();
        assertThat(j.get("byStatus").get("pending").asLong()).isEqualTo(4);
        assertThat(j.get("bySplit").get("none").asLong()).isEqualTo(4);
        assertThat(j.get("byContributor").get(0).get("contributor").asText()).isEqualTo("alice");
        JsonNode commercial = StreamSupport.stream(j.get("exclusions").spliterator(), false)
                .filter(e -> e.get("use").asText().equals("commercial")).findFirst().orElseThrow();
        assertThat(commercial.get("rows").asLong()).isEqualTo(3);
        assertThat(commercial.get("byContributor").get(0).get("rows").asLong()).isEqualTo(3);
    }

    @Test
    void checkDedupeUndoRedoHistorySplitFreezeDiffAndExport() throws Exception {
        run("dataset", "import", file("a.jsonl", alpaca("a", "b", "a", "c", "d", "e", "f", "g", "h", "i")).toString(),
                "--name", "qa");
        JsonNode check = run("dataset", "check", "qa", "--json").json();
        assertThat(check.get("rows").asLong()).isEqualTo(10);
        assertThat(check.get("checks").get(0).get("id").asText()).isEqualTo("exact-duplicates");
        assertThat(check.get("checks").get(0).get("flaggedRows").asLong()).isEqualTo(1);
        assertThat(check.get("checks").get(0).get("fix").asText()).isEqualTo("modelfactory dataset dedupe qa");
        assertThat(check.get("checks").get(1).get("id").asText()).isEqualTo("empty-conversations");
        assertThat(check.get("checks").get(1).get("flaggedRows").asLong()).isZero();
        assertThat(check.get("checks").get(1).get("details").get("scanned").asLong()).isEqualTo(10);

        JsonNode dedupe = run("dataset", "dedupe", "qa", "--keep", "first", "--json").json();
        assertThat(dedupe.get("rejected").asLong()).isEqualTo(1);
        assertThat(run("dataset", "check", "qa", "--json").json().get("checks").get(0).get("flaggedRows").asLong()).isZero();
        JsonNode undo = run("dataset", "undo", "qa", "--json").json();
        assertThat(undo.get("undone").get("kind").asText()).isEqualTo("reject_duplicates");
        assertThat(undo.get("nextRedo").get("id").asLong()).isEqualTo(undo.get("undone").get("id").asLong());
        assertThat(run("dataset", "show", "qa", "--json").json().get("byStatus").get("rejected").asLong()).isZero();
        assertThat(run("dataset", "redo", "qa", "--json").json().get("redone").get("rows").asLong()).isEqualTo(1);
        assertThat(run("dataset", "show", "qa", "--json").json().get("byStatus").get("rejected").asLong()).isEqualTo(1);
        Run nothing = run("dataset", "redo", "qa");
        assertThat(nothing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(nothing.err()).contains("nothing to redo in dataset 'qa'");

        JsonNode split = run("dataset", "split", "qa", "--ratios", "0.5,0.3,0.2", "--seed", "7", "--json").json();
        assertThat(split.get("rows").get("train").asLong()).isEqualTo(5); // 9 rows not rejected: round(4.5) = 5
        assertThat(split.get("rows").get("validation").asLong()).isEqualTo(3);
        assertThat(split.get("rows").get("test").asLong()).isEqualTo(1);
        JsonNode history = run("dataset", "history", "qa", "--json").json();
        assertThat(history.get("entries")).hasSize(2);
        assertThat(history.get("entries").get(0).get("kind").asText()).isEqualTo("split");

        Run noVersion = run("dataset", "export", "qa", "--format", "alpaca", "--out", tmp.resolve("x.jsonl").toString());
        assertThat(noVersion.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noVersion.err()).contains("has no frozen version");

        JsonNode v1 = run("dataset", "freeze", "qa", "--message", "first", "--json").json();
        assertThat(v1.get("created").asBoolean()).isTrue();
        assertThat(v1.get("version").get("rows").asLong()).isEqualTo(9);
        assertThat(run("dataset", "freeze", "qa", "--json").json().get("created").asBoolean()).isFalse();
        run("dataset", "import", file("b.jsonl", alpaca("j", "k")).toString(), "--name", "qa");
        JsonNode v2 = run("dataset", "freeze", "qa", "--json").json();
        String r1 = v1.get("version").get("root").asText();
        String r2 = v2.get("version").get("root").asText();
        JsonNode diff = run("dataset", "diff", "qa", r1.substring(0, 8), r2.substring(0, 8), "--json").json();
        assertThat(diff.get("added").asLong()).isEqualTo(2);
        assertThat(diff.get("removed").asLong()).isZero();
        assertThat(diff.get("addedRows")).hasSize(2);
        Run badVersion = run("dataset", "diff", "qa", "ffffff", r2);
        assertThat(badVersion.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badVersion.err()).contains("has no version 'ffffff'");

        Path latest = tmp.resolve("latest.jsonl");
        JsonNode e1 = run("dataset", "export", "qa", "--format", "openai", "--out", latest.toString(), "--json").json();
        assertThat(e1.get("version").asText()).isEqualTo(r2);
        assertThat(e1.get("written").asLong()).isEqualTo(11);
        assertThat(Files.readAllLines(latest)).hasSize(11);
        Path train = tmp.resolve("train.csv");
        JsonNode e2 = run("dataset", "export", "qa@" + r1.substring(0, 10), "--format", "csv", "--split", "train", "--out",
                train.toString(), "--json").json();
        assertThat(e2.get("version").asText()).isEqualTo(r1);
        assertThat(e2.get("written").asLong()).isEqualTo(5);
        JsonNode back = run("dataset", "import", train.toString(), "--name", "train-only", "--json").json();
        assertThat(back.get("imported").asLong()).isEqualTo(5);
        assertThat(back.get("format").asText()).isEqualTo("csv");
        JsonNode ws = run("dataset", "export", "qa", "--working-set", "--format", "sharegpt", "--out",
                tmp.resolve("ws.jsonl").toString(), "--json").json();
        assertThat(ws.get("version").isNull()).isTrue();
        assertThat(ws.get("written").asLong()).isEqualTo(11); // 12 rows, one rejected
    }
}
