package dev.modelfactory.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} refuses before it loads anything. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aNonLoopbackHostWithoutAnApiKeyIsRefusedAtStartup() {
        CliTest.Run r = CliTest.inWorkspace(tmp, "serve", "--model", tmp.resolve("none.gguf").toString(),
                "--host", "0.0.0.0");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--host 0.0.0.0").contains("--api-key-file");
    }

    @Test
    void anEmptyKeyFileAndAMalformedAdapterAreBadInput() throws Exception {
        Path key = Files.writeString(tmp.resolve("key"), "  \n");
        CliTest.Run empty = CliTest.inWorkspace(tmp, "serve", "--model", "m", "--api-key-file", key.toString());
        assertThat(empty.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(empty.err()).contains(key.toString()).contains("empty");
        CliTest.Run bad = CliTest.inWorkspace(tmp, "serve", "--model", "m", "--adapter", "nofolder");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("NAME=PEFT_DIR");
    }
}
