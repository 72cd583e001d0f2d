package dev.modelfactory.app.cli.adapter;

import static dev.modelfactory.app.cli.adapter.AdapterCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.adapter.AdapterCommandTest.Run;
import dev.modelfactory.app.handoff.HandoffFixtures;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.adapter.PeftAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-off on the command line: train export, adapter import --from-run, adapter export-serving. */
class HandoffCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportImportAndServeFromTheCommandLine() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        ObjectMapper json = new ObjectMapper();
        Path bundle = dir.resolve("bundle");

        Run bad = run(ws, "train", "export", "--format", "deepspeed", "--model", model.toString(), "--dataset", "skills",
                "--out", bundle.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--format: 'deepspeed'");
        assertThat(bundle).doesNotExist();

        Run export = run(ws, "train", "export", "--format", "axolotl", "--model", model.toString(), "--dataset", "skills",
                "--out", bundle.toString(), "--rank", "4", "--targets", "q,v", "--lr", "0.001", "--max-steps", "4",
                "--trainer-model", "/cluster/tiny", "--json");
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode e = json.readTree(export.out());
        assertThat(e.get("unmapped").toString()).contains("truncation").contains("explode_grad_norm");
        assertThat(e.get("excludedNotAllowedForTraining").asLong()).isEqualTo(6);
        assertThat(e.get("launch").asText()).isEqualTo("accelerate launch -m axolotl.cli.train axolotl.yaml");
        assertThat(Files.readString(bundle.resolve("axolotl.yaml"))).contains("lora_r: 4").contains("learning_rate: 0.001")
                .contains("max_steps: 4");

        Path output = bundle.resolve("output");
        PeftAdapter trained = HandoffFixtures.adapter(HandoffFixtures.qv(4, 8f), "/cluster/tiny", HandoffFixtures.DIM,
                HandoffFixtures.KV);
        trained.save(output);
        HandoffFixtures.trainerState(output);
        Run imported = run(ws, "adapter", "import", output.toString(), "--from-run", bundle.toString(), "--json");
        assertThat(imported.code()).as(imported.err()).isZero();
        JsonNode i = json.readTree(imported.out());
        assertThat(i.get("adapterHash").asText()).isEqualTo(trained.sha256());
        assertThat(i.get("points").asInt()).isEqualTo(4);
        assertThat(i.get("configSha256").asText()).isEqualTo(e.get("configSha256").asText());
        long runId = i.get("runId").asLong();
        assertThat(json.readTree(run(ws, "adapter", "list", "--json").out()).toString()).contains(trained.sha256());

        Path other = dir.resolve("other");
        HandoffFixtures.adapter(HandoffFixtures.qv(4, 8f), "mistralai/Mistral-7B-v0.1", HandoffFixtures.DIM,
                HandoffFixtures.KV).save(other);
        HandoffFixtures.trainerState(other);
        Run refused = run(ws, "adapter", "import", other.toString(), "--from-run", bundle.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("base model").contains("mistralai/Mistral-7B-v0.1");
        assertThat(run(ws, "adapter", "import", other.toString()).err()).contains("--model: required");

        Path vllm = dir.resolve("vllm");
        Run serve = run(ws, "adapter", "export-serving", "--format", "vllm", "--out", vllm.toString(), "run:" + runId,
                "--json");
        assertThat(serve.code()).as(serve.err()).isZero();
        String launch = Files.readString(vllm.resolve("launch.sh"));
        String name = json.readTree(serve.out()).get("adapters").get(0).get("name").asText();
        assertThat(launch).contains("vllm serve /cluster/tiny").contains("--enable-lora").contains("--max-lora-rank 8")
                .contains("--lora-modules").contains(name + "=\"$HERE/adapters/" + name + "\"");
        assertThat(PeftAdapter.load(vllm.resolve("adapters").resolve(name)).sha256()).isEqualTo(trained.sha256());

        Path lorax = dir.resolve("lorax");
        Run lx = run(ws, "adapter", "export-serving", "--format", "lorax", "--base", "org/tiny-hf", "--out",
                lorax.toString(), trained.sha256().substring(0, 10));
        assertThat(lx.code()).as(lx.err()).isZero();
        assertThat(Files.readString(lorax.resolve("launch.sh"))).contains("--model-id org/tiny-hf")
                .contains("\"adapter_source\": \"local\"").contains("/data/adapters/");
    }
}
