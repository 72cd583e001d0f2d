package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelDiscovery} over fake Ollama, Hugging Face cache, LM Studio and user folders holding tiny GGUFs. */
class DiscoveryTest {

    private static final LlamaConfig TINY = LlamaConfig.builder().dim(32).hiddenDim(64).layers(1).heads(2).kvHeads(1)
            .vocabSize(LoaderRoundTripTest.VOCAB).maxSeqLen(16).ropeStyle(RopeStyle.INTERLEAVED).build();

    @TempDir
    Path dir;

    private static void tinyGguf(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        LlamaGguf.write(file, TINY, RandomWeights.create(TINY, 3), GgmlType.F32);
    }

    private static List<DiscoveredModel> scan(ModelStore... stores) {
        return ModelDiscovery.scan(List.of(stores), line -> { }, () -> false);
    }

    @Test
    void ollamaManifestsNameTheirModelBlob() throws IOException, NoSuchAlgorithmException {
        Path root = dir.resolve("ollama");
        Path staging = dir.resolve("staging.gguf");
        tinyGguf(staging);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(staging)));
        Path blob = Files.createDirectories(root.resolve("blobs")).resolve("sha256-" + hex);
        Files.move(staging, blob);
        String manifest = """
                {"schemaVersion":2,"layers":[
                  {"mediaType":"application/vnd.ollama.image.license","digest":"sha256:%s"},
                  {"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":1}]}
                """.formatted("0".repeat(64), hex);
        write(root.resolve("manifests/registry.ollama.ai/library/tiny/latest"), manifest);
        write(root.resolve("manifests/registry.ollama.ai/someone/tiny/q8"), manifest);
        write(root.resolve("manifests/registry.ollama.ai/library/nomodel/latest"), "{\"layers\":[]}");

        List<DiscoveredModel> found = scan(new ModelStore(ModelStore.Kind.OLLAMA, root));

        assertThat(found).extracting(DiscoveredModel::name).containsExactly("tiny:latest", "someone/tiny:q8");
        DiscoveredModel m = found.get(0);
        assertThat(m.location()).isEqualTo(blob);
        assertThat(m.store().kind()).isEqualTo(ModelStore.Kind.OLLAMA);
        assertThat(m.problem()).isNull();
        assertThat(m.summary()).hasValueSatisfying(s -> {
            assertThat(s.architecture()).isEqualTo("llama");
            assertThat(s.parameterCount()).isEqualTo(TINY.parameterCount());
        });
    }

    @Test
    void huggingFaceCacheSnapshotsAreNamedByRepository() throws IOException {
        Path hub = dir.resolve("hub");
        Path gguf = hub.resolve("models--org--tiny/snapshots/0123abcd/tiny-f32.gguf");
        tinyGguf(gguf);
        Files.createDirectories(hub.resolve("models--org--empty/refs"));
        Files.createDirectories(hub.resolve("datasets--org--data/snapshots/1"));

        List<DiscoveredModel> found = scan(new ModelStore(ModelStore.Kind.HUGGING_FACE_CACHE, hub));

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("org/tiny/tiny-f32.gguf");
            assertThat(m.location()).isEqualTo(gguf);
            assertThat(m.summary()).isPresent();
        });
    }

    @Test
    void lmStudioFilesAreNamedPublisherRepoFile() throws IOException {
        Path root = dir.resolve("lmstudio");
        tinyGguf(root.resolve("publisher/repo/x.gguf"));
        Files.writeString(root.resolve("publisher/repo/README.md"), "not a model");

        List<DiscoveredModel> found = scan(new ModelStore(ModelStore.Kind.LM_STUDIO, root));

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("publisher/repo/x.gguf");
            assertThat(m.store().kind()).isEqualTo(ModelStore.Kind.LM_STUDIO);
            assertThat(m.summary()).hasValueSatisfying(s -> assertThat(s.quantisation()).isEqualTo("F32"));
        });
    }

    @Test
    void aCorruptFileIsListedWithAProblemNamingIt() throws IOException {
        Path user = dir.resolve("user");
        tinyGguf(user.resolve("good.gguf"));
        Path bad = user.resolve("sub/broken.gguf");
        write(bad, "GGUF\u0003\0\0\0 and then nonsense");

        List<DiscoveredModel> found = scan(new ModelStore(ModelStore.Kind.USER, user));

        assertThat(found).extracting(DiscoveredModel::name).containsExactly("good.gguf", "sub/broken.gguf");
        assertThat(found.get(0).problem()).isNull();
        DiscoveredModel broken = found.get(1);
        assertThat(broken.summary()).isEmpty();
        assertThat(broken.problem()).contains(bad.toString());
    }

    @Test
    void missingStoreFoldersAreSkipped() throws IOException {
        Path lm = dir.resolve("lm");
        tinyGguf(lm.resolve("p/r/m.gguf"));
        List<DiscoveredModel> found = scan(
                new ModelStore(ModelStore.Kind.OLLAMA, dir.resolve("no-ollama")),
                new ModelStore(ModelStore.Kind.HUGGING_FACE_CACHE, dir.resolve("no-hub")),
                new ModelStore(ModelStore.Kind.LM_STUDIO, lm),
                new ModelStore(ModelStore.Kind.USER, dir.resolve("no-user")));
        assertThat(found).extracting(DiscoveredModel::name).containsExactly("p/r/m.gguf");
    }

    @Test
    void cancellationReturnsWhatWasFoundSoFar() throws IOException {
        Path user = dir.resolve("user");
        tinyGguf(user.resolve("a.gguf"));
        tinyGguf(user.resolve("b.gguf"));
        tinyGguf(user.resolve("c.gguf"));
        List<String> progress = new ArrayList<>();

        List<DiscoveredModel> found = ModelDiscovery.scan(List.of(new ModelStore(ModelStore.Kind.USER, user)),
                progress::add, () -> progress.size() >= 1);

        assertThat(found).extracting(DiscoveredModel::name).containsExactly("a.gguf");
        assertThat(progress).containsExactly("Reading a.gguf");
    }

    @Test
    void knownStoresFollowTheToolsDefaultsAndEnvironment() {
        Path home = Path.of("/home/u");
        assertThat(ModelDiscovery.knownStores(Map.of(), home)).containsExactly(
                new ModelStore(ModelStore.Kind.OLLAMA, home.resolve(".ollama/models")),
                new ModelStore(ModelStore.Kind.HUGGING_FACE_CACHE, home.resolve(".cache/huggingface/hub")),
                new ModelStore(ModelStore.Kind.LM_STUDIO, home.resolve(".lmstudio/models")),
                new ModelStore(ModelStore.Kind.LM_STUDIO, home.resolve(".cache/lm-studio/models")));

        List<ModelStore> viaHome = ModelDiscovery.knownStores(Map.of("OLLAMA_MODELS", "/o", "HF_HOME", "/hf"), home);
        assertThat(viaHome.get(0).folder()).isEqualTo(Path.of("/o"));
        assertThat(viaHome.get(1).folder()).isEqualTo(Path.of("/hf/hub"));

        List<ModelStore> viaCache = ModelDiscovery.knownStores(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/cache"), home);
        assertThat(viaCache.get(1).folder()).isEqualTo(Path.of("/cache"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
