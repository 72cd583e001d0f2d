package dev.modelfactory.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void jsonReportsThisMachineAndDoesNotCreateTheWorkspace() throws Exception {
        Path ws = tmp.resolve("ws");
        CliTest.Run r = CliTest.run("--workspace", ws.toString(), "doctor", "--json");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/machine/logicalCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.at("/machine/javaVersion").asText()).startsWith(String.valueOf(Runtime.version().feature()));
        assertThat(json.at("/machine/vectorBits").asInt()).isPositive();
        assertThat(json.at("/workspace/path").asText()).isEqualTo(ws.toAbsolutePath().normalize().toString());
        assertThat(json.at("/workspace/source").asText()).contains("--workspace");
        assertThat(json.at("/workspace/state").asText()).isEqualTo("not-created");
        assertThat(Files.exists(ws)).isFalse();
        JsonNode backends = json.get("backends");
        assertThat(backends.findValuesAsText("name")).contains("cpu", "reference", "cuda");
        for (JsonNode b : backends) {
            if (!b.get("available").asBoolean()) {
                assertThat(b.get("detail").asText()).as("reason for %s", b.get("name")).isNotBlank();
            }
        }
        assertThat(backends.findValues("selected").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
    }

    @Test
    void reportsSchemaOfAnExistingWorkspaceAndALockedOne() throws Exception {
        Path ws = tmp.resolve("ws");
        try (Workspace open = Workspace.open(ws)) {
            CliTest.Run locked = CliTest.run("--workspace", ws.toString(), "doctor", "--json");
            assertThat(locked.code()).isZero();
            JsonNode json = new ObjectMapper().readTree(locked.out());
            assertThat(json.at("/workspace/state").asText()).isEqualTo("locked");
            assertThat(json.at("/workspace/message").asText()).contains(ws.toRealPath().toString());
        }
        CliTest.Run r = CliTest.run("--workspace", ws.toString(), "doctor");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ok: schema ").contains("Compute backends").contains("cpu");
    }
}
