package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.pipelines.spec.PipelineParser;
import dev.modelfactory.app.pipelines.spec.PipelineSpec;
import dev.modelfactory.app.pipelines.spec.StepKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipeline files are checked against the schema; every problem names the file, the line and the field. */
class PipelineParserTest {

    private static List<String> problems(String yaml) {
        return PipelineParser.parse(Path.of("/p/bad.yaml"), yaml).validation().problems().stream()
                .map(ValidationProblem::toString).toList();
    }

    private static final String GOOD = """
            name: demo
            description: a small one
            triggers:
              schedule:
                every: 24h
              watch:
                folder: inbox
                pattern: "*.jsonl"
            steps:
              - import:
                  folder: inbox
                  pattern: "*.jsonl"
                  dataset: d
                  contributor: ada
              - freeze:
                  dataset: ${import.dataset}
                  split: [0.8, 0.1, 0.1]
              - train:
                  model: m
                  dataset: ${freeze.version}
                  learning_rate: 5e-3
                  lora:
                    rank: 4
              - eval:
                  model: m
                  dataset: ${freeze.version}
                  systems:
                    base: base
                    candidate: ${train.adapter}
              - gate:
                  eval: ${eval.run}
              - approve:
              - export:
                  format: peft
                  adapter: ${train.adapter}
                  out: out/a
            """;

    @Test
    void aValidPipelineGivesItsStepsTriggersAndDependencies() {
        PipelineParser.Parsed p = PipelineParser.parse(Path.of("/p/demo.yaml"), GOOD);
        assertThat(p.validation().problems()).isEmpty();
        PipelineSpec s = p.spec().orElseThrow();
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.schedule()).contains(Duration.ofHours(24));
        assertThat(s.watch().orElseThrow().folder()).isEqualTo(Path.of("/p/inbox"));
        assertThat(s.steps()).extracting(x -> x.name()).containsExactly("import", "freeze", "train", "eval", "gate",
                "approve", "export");
        assertThat(s.step("eval").dependsOn()).containsExactly("freeze", "train");
        assertThat(s.step("approve").kind()).isEqualTo(StepKind.APPROVE);
        assertThat(p.validation().steps().get(2).line()).isEqualTo(18);
    }

    @Test
    void aWrongTypeNamesTheLineAndTheField() {
        String yaml = GOOD.replace("learning_rate: 5e-3", "learning_rate: fast");
        assertThat(problems(yaml)).containsExactly(
                "bad.yaml:21: steps[2].train.learning_rate: expected a number, got 'fast'");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String yaml = """
                name: x
                steps:
                  - import:
                      file: a.jsonl
                      dataset: d
                  - check:
                      dataset: ${imprt.dataset}
                      max_duplicate_fraction: 2
                      colour: red
                  - frobnicate:
                      x: 1
                  - train:
                      model: m
                      dataset: ${import.version}
                      lora:
                        rank: high
                """;
        assertThat(problems(yaml)).containsExactly(
                "bad.yaml:3: steps[0].import.contributor: required (a string)",
                "bad.yaml:7: steps[1].check.dataset: no earlier step named 'imprt' (a step reads outputs of the steps"
                        + " before it)",
                "bad.yaml:9: steps[1].check.colour: unknown field (known: dataset, dedupe, max_duplicate_fraction,"
                        + " max_flagged_fraction, max_pii_rows, min_rows, name, near_duplicates, pii, quality)",
                "bad.yaml:8: steps[1].check.max_duplicate_fraction: expected a fraction between 0 and 1, got 2",
                "bad.yaml:10: steps[2].frobnicate: unknown step kind (known: import, check, freeze, train, eval, gate,"
                        + " approve, attest, anchor, export)",
                "bad.yaml:14: steps[3].train.dataset: step 'import' (import) has no output 'version' (it has: dataset)",
                "bad.yaml:16: steps[3].train.lora.rank: expected a whole number, got 'high'");
    }

    @Test
    void referencesOnlyReachEarlierStepsAndNamesAreUnique() {
        String yaml = """
                steps:
                  - freeze:
                      dataset: ${later.dataset}
                  - import:
                      name: later
                      file: a
                      dataset: d
                      contributor: c
                  - import:
                      name: later
                      file: b
                      dataset: e
                      contributor: c
                """;
        assertThat(problems(yaml)).containsExactly(
                "bad.yaml:3: steps[0].freeze.dataset: no earlier step named 'later' (a step reads outputs of the steps"
                        + " before it)",
                "bad.yaml:10: steps[2].import.name: another step is already named 'later' (give this one a name: field)");
    }

    @Test
    void badYamlNamesItsLine() {
        assertThat(problems("name: x\nsteps:\n  - import:\n      file: [a\n")).singleElement()
                .satisfies(p -> assertThat(p).matches("bad.yaml:[45]: not valid YAML: .+"));
        assertThat(problems("name: x\nname: y\nsteps: []\n")).containsExactly(
                "bad.yaml:2: not valid YAML: duplicate key 'name' (first on line 1)");
        assertThat(problems("- just\n- a list\n")).containsExactly(
                "bad.yaml:1: a pipeline is a mapping with name, description, triggers and steps");
        assertThat(problems("name: x\n")).containsExactly("bad.yaml:1: steps: required: the list of steps");
    }

    @Test
    void triggersAndVariablesAreChecked() {
        String yaml = """
                triggers:
                  schedule:
                    every: sometimes
                steps:
                  - import:
                      file: ${nowhere}/a.jsonl
                      dataset: d
                      contributor: c
                """;
        assertThat(problems(yaml)).containsExactly(
                "bad.yaml:3: triggers.schedule.every: expected an interval such as 90s, 15m, 24h or 7d, got 'sometimes'",
                "bad.yaml:6: steps[0].import.file: unknown variable ${nowhere} (known: ${here}, ${starter}, ${workspace})");
    }

    @Test
    void theShippedStarterPipelineIsValid() throws Exception {
        Path starter = Path.of("..", "assets", "pipelines", "starter.yaml");
        PipelineParser.Parsed p = PipelineParser.parse(starter, Files.readString(starter));
        assertThat(p.validation().problems()).isEmpty();
        assertThat(p.spec().orElseThrow().steps()).extracting(s -> s.kind().id()).containsExactly("import", "check",
                "freeze", "train", "eval", "gate", "approve", "attest", "export");
    }
}
