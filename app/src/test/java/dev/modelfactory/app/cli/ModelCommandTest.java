package dev.modelfactory.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model commands on bad input: exit 2, the file named, nothing stored. */
class ModelCommandTest {

    @TempDir
    Path tmp;

    private CliTest.Run run(String... args) {
        return CliTest.inWorkspace(tmp.resolve("ws"), args);
    }

    @Test
    void listOnAFreshWorkspaceIsEmpty() throws Exception {
        CliTest.Run text = run("model", "list");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("No models imported yet");
        CliTest.Run json = run("model", "list", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).isArray()).isTrue();
        assertThat(new ObjectMapper().readTree(json.out())).isEmpty();
    }

    @Test
    void importingAFileThatIsNotAModelIsBadInputAndStoresNothing() throws Exception {
        Path junk = Files.writeString(tmp.resolve("notes.gguf"), "this is not a model");
        CliTest.Run r = run("model", "import", junk.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("notes.gguf").contains("GGUF");
        assertThat(run("model", "list").out()).contains("No models imported yet");
        assertThat(tmp.resolve("ws/blobs/sha256")).satisfiesAnyOf(
                p -> assertThat(Files.exists(p)).isFalse(),
                p -> assertThat(Files.list(p)).isEmpty());
    }

    @Test
    void importingAMissingPathIsBadInput() {
        CliTest.Run r = run("model", "import", tmp.resolve("nope.gguf").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("nope.gguf").contains("no such file");
    }

    @Test
    void showAndGenerateNameWhatWasNotFound() {
        CliTest.Run show = run("model", "show", "mystery-model");
        assertThat(show.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(show.err()).contains("mystery-model");
        CliTest.Run gen = run("generate", "--model", "mystery-model", "--json");
        assertThat(gen.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gen.err()).contains("mystery-model");
        assertThat(gen.out()).contains("\"ok\" : false").contains("bad-input");
    }

    @Test
    void generateRejectsImpossibleSettingsBeforeLoading() {
        CliTest.Run r = run("generate", "--model", "x", "--max-tokens", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--max-tokens");
        CliTest.Run p = run("generate", "--model", "x", "--top-p", "1.5");
        assertThat(p.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(p.err()).contains("--top-p");
    }
}
