package dev.modelfactory.app.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pipeline} commands: validation errors with line and field, a run that waits, approve, resume. */
class PipelineCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = dir.resolve("ws").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validateNamesTheFileLineAndFieldAndExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: d
                      contributor: c
                  - freeze:
                      dataset: ${import.dataset}
                      seed: seven
                """);
        Run r = cli("pipeline", "validate", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("bad.yaml:9: steps[1].freeze.seed: expected a whole number, got 'seven'");

        Run json = cli("--json", "pipeline", "validate", bad.toString());
        assertThat(json.code()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode problem = new ObjectMapper().readTree(json.out()).get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(9);
        assertThat(problem.get("field").asText()).isEqualTo("steps[1].freeze.seed");

        Run missing = cli("pipeline", "run", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("nope.yaml: cannot read: no such file");
    }

    @Test
    void runWaitsForApprovalThenApproveAndResumeFinishIt() throws Exception {
        Files.writeString(dir.resolve("rows.jsonl"), """
                {"instruction": "Say one.", "input": "", "output": "one"}
                {"instruction": "Say two.", "input": "", "output": "two"}
                {"instruction": "Say three.", "input": "", "output": "three"}
                """);
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                name: small
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: words
                      contributor: ada
                  - approve:
                      message: keep them?
                  - freeze:
                      dataset: ${import.dataset}
                """);
        Run run = cli("--json", "pipeline", "run", file.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.get("status").asText()).isEqualTo("waiting");
        assertThat(r.get("steps").get(0).get("outputs").get(0).get("kind").asText()).isEqualTo("dataset");
        assertThat(run.err()).contains("[import] succeeded").contains("imported 3 rows from rows.jsonl");
        long id = r.get("id").asLong();

        assertThat(cli("pipeline", "resume", Long.toString(id)).code()).isEqualTo(ExitCodes.BAD_INPUT);
        Run approve = cli("pipeline", "approve", Long.toString(id), "--by", "tester");
        assertThat(approve.code()).as(approve.err()).isEqualTo(ExitCodes.OK);
        assertThat(approve.out()).contains("approved by tester");
        Run resume = cli("pipeline", "resume", Long.toString(id));
        assertThat(resume.code()).as(resume.err()).isEqualTo(ExitCodes.OK);
        assertThat(resume.out()).contains("succeeded").contains("words@");

        Run runs = cli("pipeline", "runs");
        assertThat(runs.out()).contains("small").contains("succeeded");
        Run again = cli("--json", "pipeline", "run", file.toString());
        JsonNode a = new ObjectMapper().readTree(again.out());
        assertThat(a.get("status").asText()).isEqualTo("succeeded");
        for (JsonNode s : a.get("steps")) {
            assertThat(s.get("status").asText()).isEqualTo("skipped");
            assertThat(s.get("reusedFrom").asLong()).isEqualTo(id);
        }
        assertThat(cli("pipeline", "approve", Long.toString(id), "--reject").code()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
