package dev.modelfactory.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import -> list -> show -> generate on a small random Llama written as GGUF by the test. */
class ModelWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path model;
    private String sha256;

    @BeforeEach
    void writeModel() throws Exception {
        LlamaConfig c = LlamaConfig.builder().dim(64).hiddenDim(128).layers(2).heads(4).kvHeads(2).vocabSize(320)
                .maxSeqLen(64).ropeStyle(RopeStyle.INTERLEAVED).ropeTheta(10000f).build();
        model = tmp.resolve("tiny.gguf");
        LlamaGguf.write(model, c, RandomWeights.create(c, 42), GgmlType.F32, LlamaGguf.vocabulary(320), "Tiny");
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    }

    private CliTest.Run run(String... args) {
        return CliTest.inWorkspace(tmp.resolve("ws"), args);
    }

    @Test
    void importRegistersByContentHashOnceAndGenerateUsesIt() throws Exception {
        CliTest.Run imported = run("model", "import", model.toString(), "--name", "tiny", "--json");
        assertThat(imported.code()).as(imported.err()).isZero();
        JsonNode m = JSON.readTree(imported.out());
        assertThat(m.get("id").asText()).isEqualTo(sha256);
        assertThat(m.get("architecture").asText()).isEqualTo("llama");
        assertThat(m.get("quantisation").asText()).isEqualTo("F32");
        assertThat(m.get("mode").asText()).isEqualTo("copy");
        Path stored = Path.of(m.get("location").asText());
        assertThat(stored).startsWith(tmp.resolve("ws").toRealPath()).hasSameBinaryContentAs(model);

        CliTest.Run again = run("model", "import", model.toString(), "--reference", "--json");
        assertThat(JSON.readTree(again.out()).get("mode").asText()).as("same bytes keep their copy").isEqualTo("copy");
        JsonNode list = JSON.readTree(run("model", "list", "--json").out());
        assertThat(list).hasSize(1);

        CliTest.Run show = run("model", "show", sha256.substring(0, 8));
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains(sha256).contains("tiny").contains("copy");

        CliTest.Run gen = run("generate", "--model", "tiny", "--prompt", "the cat", "--max-tokens", "6", "--json");
        assertThat(gen.code()).as(gen.err()).isZero();
        JsonNode g = JSON.readTree(gen.out());
        assertThat(g.get("promptTokens").asInt()).isEqualTo(g.get("promptTokenIds").size()).isGreaterThan(1);
        assertThat(g.get("promptTokenIds").get(0).asInt()).as("BOS first").isEqualTo(1);
        assertThat(g.get("generatedTokens").asInt()).isEqualTo(g.get("tokenIds").size()).isBetween(1, 6);
        assertThat(g.get("decodeTokensPerSecond").asDouble()).isPositive();

        CliTest.Run same = run("generate", "--model", "tiny", "--prompt", "the cat", "--max-tokens", "6", "--json");
        assertThat(JSON.readTree(same.out()).get("tokenIds")).as("greedy is deterministic").isEqualTo(g.get("tokenIds"));
    }

    @Test
    void seededSamplingRepeatsAndAnEmptyPromptStartsFromBos() throws Exception {
        String[] args = {"generate", "--model", model.toString(), "--max-tokens", "8", "--temperature", "1.2",
            "--seed", "7", "--json"};
        JsonNode a = JSON.readTree(run(args).out());
        JsonNode b = JSON.readTree(run(args).out());
        assertThat(a.get("tokenIds")).isEqualTo(b.get("tokenIds"));
        assertThat(a.get("promptTokenIds")).hasSize(1);
        assertThat(a.get("promptTokenIds").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void referenceImportLeavesTheFileInPlace() throws Exception {
        CliTest.Run r = run("model", "import", model.toString(), "--reference", "--json");
        JsonNode m = JSON.readTree(r.out());
        assertThat(m.get("mode").asText()).isEqualTo("reference");
        assertThat(Path.of(m.get("location").asText())).isEqualTo(model.toAbsolutePath());
        assertThat(tmp.resolve("ws/blobs/sha256").resolve(sha256.substring(0, 2))).doesNotExist();
    }
}
