package dev.modelfactory.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T04:00:00Z");

    @TempDir
    Path dir;

    @Test
    void registersAndReadsBackEveryField() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ModelRecord m = model("a1b2c3" + "0".repeat(58), "tinyllama");
            assertThat(ws.models().register(m)).isEqualTo(m);
            assertThat(ws.models().get(m.id())).contains(m);
            assertThat(ws.models().get(m.id().toUpperCase())).contains(m);
            assertThat(ws.models().list()).containsExactly(m);
            assertThat(ws.models().get("f".repeat(64))).isEmpty();
        }
    }

    @Test
    void registeringTheSameIdAgainUpdatesOnlyNameAndLocation() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ModelRecord first = model("ab".repeat(32), "first");
            ws.models().register(first);
            ModelRecord again = new ModelRecord(first.id(), "renamed", Path.of("/elsewhere/m.gguf"), ImportMode.COPY,
                    "hf", "qwen2", 7, "F16", 99, 1, T0.plusSeconds(3600));

            ModelRecord stored = ws.models().register(again);

            assertThat(stored.name()).isEqualTo("renamed");
            assertThat(stored.location()).isEqualTo(Path.of("/elsewhere/m.gguf"));
            assertThat(stored).usingRecursiveComparison().ignoringFields("name", "location").isEqualTo(first);
            assertThat(ws.models().list()).containsExactly(stored);
        }
    }

    @Test
    void findsByFullIdUniquePrefixOrExactName() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ModelRecord a = ws.models().register(model("abcdef01" + "0".repeat(56), "llama"));
            ModelRecord b = ws.models().register(model("abcdef02" + "0".repeat(56), "qwen"));

            assertThat(ws.models().find(a.id())).contains(a);
            assertThat(ws.models().find("ABCDEF01")).contains(a);
            assertThat(ws.models().find("abcdef02")).contains(b);
            assertThat(ws.models().find("qwen")).contains(b);
            assertThat(ws.models().find(" llama ")).contains(a);
            assertThat(ws.models().find("abcde")).as("prefixes under 6 characters never match").isEmpty();
            assertThat(ws.models().find("abcdef03")).isEmpty();
            assertThat(ws.models().find("mistral")).isEmpty();
        }
    }

    @Test
    void anAmbiguousReferenceIsRefusedListingTheMatches() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.models().register(model("abcdef01" + "0".repeat(56), "llama"));
            ws.models().register(model("abcdef02" + "0".repeat(56), "qwen"));
            ws.models().register(model("99".repeat(32), "qwen"));

            assertThatThrownBy(() -> ws.models().find("abcdef"))
                    .isInstanceOf(AmbiguousReferenceException.class)
                    .hasMessageContaining("'abcdef' matches 2 models")
                    .hasMessageContaining("abcdef010000 (llama)")
                    .hasMessageContaining("abcdef020000 (qwen)");
            assertThatThrownBy(() -> ws.models().find("qwen"))
                    .isInstanceOfSatisfying(AmbiguousReferenceException.class, e -> assertThat(e.candidates())
                            .containsExactly("999999999999 (qwen)", "abcdef020000 (qwen)"));
        }
    }

    @Test
    void modelsPersistAcrossReopen() throws Exception {
        ModelRecord m = model("cd".repeat(32), "kept");
        try (Workspace ws = Workspace.open(dir)) {
            ws.models().register(m);
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(ws.models().find("cdcdcd")).contains(m);
        }
    }

    @Test
    void recordsAreValidated() {
        assertThatThrownBy(() -> model("xyz", "m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> model("ab".repeat(32), " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ModelRecord("ab".repeat(32), "m", Path.of("m"), ImportMode.COPY, "gguf",
                "llama", -1, "Q4_0", 1, 1, T0)).hasMessageContaining("parameterCount");
    }

    @Test
    void hashOfAFileIsItsSha256AndOfAFolderItsSortedListing() throws Exception {
        Path file = Files.writeString(dir.resolve("m.gguf"), "weights");
        assertThat(ModelHash.of(file)).isEqualTo(sha256("weights"));

        Path folder = Files.createDirectories(dir.resolve("hf"));
        Files.writeString(folder.resolve("config.json"), "{}");
        Files.createDirectories(folder.resolve("b"));
        Files.writeString(folder.resolve("b/model.safetensors"), "w");
        String listing = "b/model.safetensors\n" + sha256("w") + "\n" + "config.json\n" + sha256("{}") + "\n";
        assertThat(ModelHash.of(folder)).isEqualTo(sha256(listing));
    }

    private static ModelRecord model(String id, String name) {
        return new ModelRecord(id, name, Path.of("/models/" + name + ".gguf"), ImportMode.REFERENCE, "gguf",
                "llama", 1_100_000_000L, "Q4_K", 2048, 668_788_096L, T0);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    }
}
