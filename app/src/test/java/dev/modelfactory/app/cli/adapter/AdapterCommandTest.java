package dev.modelfactory.app.cli.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.loader.ModelLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterCommandTest {

    @TempDir
    Path dir;

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

    @Test
    void aTrainedAdapterIsListedInspectedExportedImportedAndMerged() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        ObjectMapper json = new ObjectMapper();
        Run train = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--max-steps", "2",
                "--batch", "4", "--seq-len", "64", "--json");
        assertThat(train.code()).as(train.err()).isZero();
        String hash = json.readTree(train.out()).get("adapterHash").asText();

        JsonNode list = json.readTree(run(ws, "adapter", "list", "--json").out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("hash").asText()).isEqualTo(hash);

        JsonNode shown = json.readTree(run(ws, "adapter", "show", hash.substring(0, 10), "--json").out());
        assertThat(shown.get("rank").asInt()).isEqualTo(8);
        assertThat(shown.get("targets").toString()).contains("q_proj").contains("v_proj");

        Path exported = dir.resolve("exported");
        assertThat(run(ws, "adapter", "export", "run:" + list.get(0).get("runId").asLong(), "--out",
                exported.toString()).code()).isZero();
        JsonNode inspected = json.readTree(run(ws, "adapter", "inspect", exported.toString(), "--json").out());
        assertThat(inspected.get("hash").asText()).isEqualTo(hash);

        Run imported = run(ws, "adapter", "import", exported.toString(), "--model", model.toString(), "--json");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(json.readTree(imported.out()).get("hash").asText()).isEqualTo(hash);

        Path merged = dir.resolve("merged.gguf");
        Run merge = run(ws, "adapter", "merge", hash.substring(0, 8), "--model", model.toString(), "--out",
                merged.toString(), "--type", "q8_0", "--json");
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(ModelLoader.inspect(merged).quantisation()).isEqualTo("Q8_0");
    }

    @Test
    void anAdapterForAnotherShapeIsRefusedNamingTheKey() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        Run train = run(ws, "train", "--model", model.toString(), "--dataset", "skills", "--max-steps", "1",
                "--batch", "4", "--seq-len", "64", "--json");
        Path adapter = Path.of(new ObjectMapper().readTree(train.out()).get("adapterPath").asText());
        Path other = TrainingTestData.tinyModel(Files.createDirectories(dir.resolve("other")), 48);
        Run r = run(ws, "adapter", "import", adapter.toString(), "--model", other.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("does not fit").contains("lora_");
        Run missing = run(ws, "adapter", "show", "ffffffffff");
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("ffffffffff");
    }
}
