package dev.modelfactory.app.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.adapter.PeftAdapter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;
    Path ws;
    Path model;

    record Run(int code, String out, String err) {
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

    @BeforeEach
    void setUp() throws Exception {
        ws = dir.resolve("ws");
        model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
    }

    @Test
    void trainPrintsTheRunAsJsonWithItsAdapter() throws Exception {
        Run r = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--max-steps", "6", "--batch", "4",
                "--seq-len", "64", "--lr", "0.05", "--rank", "4", "--targets", "q,v,o", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(j.get("steps").asInt()).isEqualTo(6);
        assertThat(j.get("finalLoss").isNumber()).isTrue();
        assertThat(j.get("evalLoss").isNumber()).isTrue();
        assertThat(j.get("tokensPerSecond").asDouble()).isPositive();
        Path adapter = Path.of(j.get("adapterPath").asText());
        assertThat(j.get("adapterHash").asText()).isEqualTo(PeftAdapter.load(adapter).sha256());
        assertThat(PeftAdapter.load(adapter).config().lora().rank()).isEqualTo(4);
        assertThat(j.get("plan").get("excludedRows").asInt()).isEqualTo(6);
        assertThat(j.get("plan").get("excludedBy").get(0).get("contributor").asText()).isEqualTo("bob");
        assertThat(r.err()).contains("step 6/6");
    }

    @Test
    void aYamlConfigIsReadAndFlagsOverrideIt() throws Exception {
        Path yaml = dir.resolve("train.yaml");
        Files.writeString(yaml, "learning_rate: 0.05\nmax_steps: 3\nbatch_size: 4\nseq_len: 64\n"
                + "lora:\n  rank: 2\n  alpha: 4\n  targets: [q_proj, v_proj]\n");
        Run r = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--config", yaml.toString(),
                "--max-steps", "2", "--plan", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("totalSteps").asInt()).isEqualTo(2);
    }

    @Test
    void badInputExitsWithTwoNamingTheField() throws Exception {
        Run seq = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--seq-len", "1");
        assertThat(seq.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(seq.err()).contains("--seq-len");
        Run target = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--targets", "q,zz");
        assertThat(target.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(target.err()).contains("--targets").contains("zz");
        Run dataset = run(ws, "train", "--model", model.toString(), "--dataset", "nope@1234567");
        assertThat(dataset.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dataset.err()).contains("dataset").contains("nope");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "learning_rate: fast\n");
        Run file = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--config", yaml.toString());
        assertThat(file.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(file.err()).contains("bad.yaml").contains("learning_rate");
        Run missing = run(ws, "train", "--dataset", "skills");
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("--model");
        Run resume = run(ws, "train", "resume", "999");
        assertThat(resume.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(resume.err()).contains("999");
    }

    @Test
    void chatTemplateAndSplitFlagsReachThePlanAndBadOnesAreNamed() throws Exception {
        Run dflt = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--plan", "--json");
        Run chosen = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--plan", "--json",
                "--chat-template", "llama3", "--train-split", "train,validation", "--eval-split", "test");
        assertThat(chosen.code()).as(chosen.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(dflt.out());
        JsonNode c = new ObjectMapper().readTree(chosen.out());
        assertThat(c.get("chatTemplate").asText()).isEqualTo("llama3 (chosen)");
        assertThat(c.get("trainRows").asLong()).isEqualTo(d.get("trainRows").asLong() + d.get("validationRows").asLong());
        assertThat(c.get("validationRows").asLong()).isEqualTo(d.get("testRows").asLong());

        Path jinja = dir.resolve("plain.jinja");
        Files.writeString(jinja, "{% for m in messages %}{{ m['role'] + ': ' + m['content'] + '\\n' }}{% endfor %}"
                + "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}");
        Run file = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--plan", "--json",
                "--chat-template", jinja.toString());
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(new ObjectMapper().readTree(file.out()).get("chatTemplate").asText()).startsWith("custom Jinja");

        Run unknown = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--plan",
                "--chat-template", "vicuna");
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("--chat-template vicuna").contains("chatml, llama3, mistral");
        Run split = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--plan",
                "--train-split", "train", "--eval-split", "train");
        assertThat(split.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(split.err()).contains("--eval-split (eval_split)");
    }
}
