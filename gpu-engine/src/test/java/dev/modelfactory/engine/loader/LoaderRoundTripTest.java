package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufWriter;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A random Llama exported by {@link LlamaGguf} and loaded back by {@link ModelLoader} computes what the
 * in-memory model computes; and the loader's refusals name the file and the reason.
 */
class LoaderRoundTripTest {

    static final int VOCAB = 384;
    private static final int[] PROMPT = {1, 17, 42, 300, 3, 3, 258, 0, 77, 12, 383};
    private static final Backend CPU = Backends.named("cpu");

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackend() {
        CPU.close();
    }

    static LlamaConfig config(boolean tied, RopeStyle rope) {
        return LlamaConfig.builder().dim(64).hiddenDim(128).layers(2).heads(4).kvHeads(2).vocabSize(VOCAB)
                .maxSeqLen(64).ropeStyle(rope).ropeTheta(10000f).tiedOutput(tied).build();
    }

    /**
     * The file's matrices stay mapped and go through the cpu backend's in-place dot-product kernels, the
     * in-memory ones through its packed panels: the same values summed in another order, so the logits agree
     * to fp32 rounding (1e-5 of the largest logit; a wrong row or layout moves them wholesale).
     */
    @ParameterizedTest(name = "tied output: {0}")
    @ValueSource(booleans = {false, true})
    void f32FileGivesTheInMemoryLogits(boolean tied) throws IOException {
        LlamaConfig c = config(tied, RopeStyle.INTERLEAVED);
        float[] diff = roundTrip(c, GgmlType.F32);
        assertThat(diff[0]).as("max |file - memory| of logits up to %s", diff[1]).isLessThan(1e-5f * diff[1]);
    }

    /** Rotate-half weights are permuted on export; the interleaved file then differs only by summation order. */
    @Test
    void rotateHalfModelIsPermutedToTheFilesInterleavedRope() throws IOException {
        float[] diff = roundTrip(config(false, RopeStyle.ROTATE_HALF), GgmlType.F32);
        assertThat(diff[0]).isLessThan(1e-4f);
    }

    /**
     * Q8_0 moves each weight by at most 0.6/127 of its block's largest magnitude (~0.5%); through two
     * blocks of seven matmuls these errors add up like a random walk rather than in one direction. Measured:
     * 0.6% (untied) and 0.3% (tied) of the largest logit; 2% keeps a 3x margin and still catches a wrong
     * layout or scale, which changes the logits wholesale.
     */
    @ParameterizedTest(name = "tied output: {0}")
    @ValueSource(booleans = {false, true})
    void q8FileGivesLogitsWithinQuantisationError(boolean tied) throws IOException {
        float[] diff = roundTrip(config(tied, RopeStyle.INTERLEAVED), GgmlType.Q8_0);
        assertThat(diff[0]).isGreaterThan(0f).isLessThan(0.02f * diff[1]);
    }

    /** fp16 keeps 11 significant bits (2^-11 relative per weight); measured 0.03% of the largest logit. */
    @Test
    void f16FileGivesLogitsWithinHalfPrecision() throws IOException {
        float[] diff = roundTrip(config(false, RopeStyle.INTERLEAVED), GgmlType.F16);
        assertThat(diff[0]).isGreaterThan(0f).isLessThan(0.002f * diff[1]);
    }

    /** @return {max |file - memory|, max |memory|} over the logits of every prompt position */
    private float[] roundTrip(LlamaConfig c, GgmlType type) throws IOException {
        InMemoryWeights weights = RandomWeights.create(c, 7);
        Path file = dir.resolve("tiny-" + type + ".gguf");
        LlamaGguf.write(file, c, weights, type);
        float[] expected;
        try (LlamaModel m = LlamaModel.load(c, weights, CPU); LlamaSession s = m.newSession()) {
            expected = s.appendAll(PROMPT);
        }
        try (LoadedModel loaded = ModelLoader.load(file, CPU, 64); LlamaSession s = loaded.model().newSession()) {
            assertThat(loaded.model().config().ropeStyle()).isEqualTo(RopeStyle.INTERLEAVED);
            assertThat(loaded.model().config().tiedOutput()).isEqualTo(c.tiedOutput());
            float[] actual = s.appendAll(PROMPT);
            assertThat(actual).hasSameSizeAs(expected);
            float maxDiff = 0;
            float maxAbs = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
                maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            }
            return new float[] {maxDiff, maxAbs};
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F32", "Q8_0"})
    void inspectReportsTheHeaders(String type) throws IOException {
        LlamaConfig c = config(false, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("m.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 1), GgmlType.valueOf(type), LlamaGguf.vocabulary(VOCAB), "Tiny");
        ModelSummary s = ModelLoader.inspect(file);
        assertThat(s.format()).isEqualTo(ModelFormat.GGUF);
        assertThat(s.name()).isEqualTo("Tiny");
        assertThat(s.architecture()).isEqualTo("llama");
        assertThat(s.parameterCount()).isEqualTo(c.parameterCount());
        assertThat(s.quantisation()).isEqualTo(type);
        assertThat(s.contextLength()).isEqualTo(64);
        assertThat(s.layers()).isEqualTo(2);
        assertThat(s.dim()).isEqualTo(64);
        assertThat(s.vocabSize()).isEqualTo(VOCAB);
        assertThat(s.sizeBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void embeddedTokenizerRoundTripsText() throws IOException {
        LlamaConfig c = config(true, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("tok.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 1), GgmlType.F32);
        LlamaGguf.Vocab vocab = LlamaGguf.vocabulary(VOCAB);
        try (LoadedModel loaded = ModelLoader.load(file, CPU, 64)) {
            Tokenizer t = loaded.tokenizer();
            assertThat(t.vocabSize()).isEqualTo(VOCAB);
            assertThat(t.bosId()).isEqualTo(1);
            assertThat(t.eosId()).isEqualTo(2);
            assertThat(t.encode("the", false)).containsExactly(vocab.tokens().indexOf("\u2581the"));
            String text = "the model is hello world, 42! Ünïcode ✓ 日本";
            int[] ids = t.encode(text, true);
            assertThat(ids[0]).isEqualTo(1);
            assertThat(java.util.Arrays.stream(ids).allMatch(id -> id >= 0 && id < VOCAB)).isTrue();
            assertThat(t.decode(ids)).isEqualTo(text);
        }
    }

    @Test
    void unsupportedArchitectureIsRefusedByName() throws IOException {
        Path file = dir.resolve("falcon.gguf");
        LlamaGguf.Vocab v = LlamaGguf.vocabulary(VOCAB);
        new GgufWriter().string("general.architecture", "falcon")
                .u32("falcon.embedding_length", 64).u32("falcon.block_count", 1).u32("falcon.attention.head_count", 4)
                .u32("falcon.feed_forward_length", 128)
                .string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", v.tokens().toArray(String[]::new))
                .tensor("token_embd.weight", GgmlType.F32, new float[VOCAB * 64], VOCAB, 64)
                .write(file);
        assertThat(ModelLoader.inspect(file).architecture()).isEqualTo("falcon");
        assertThatThrownBy(() -> ModelLoader.load(file, CPU, 64)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'falcon'").hasMessageContaining("not supported");
    }

    @ParameterizedTest(name = "cut at {0}/8")
    @ValueSource(ints = {1, 7})
    void truncatedFileIsAFormatError(int eighths) throws IOException {
        LlamaConfig c = config(false, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("cut.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 1), GgmlType.F32);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() * eighths / 8);
        }
        assertThatThrownBy(() -> ModelLoader.load(file, CPU, 64)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> ModelLoader.inspect(file)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void folderWithoutConfigJsonIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("not-a-model"));
        Files.writeString(folder.resolve("readme.txt"), "hi");
        assertThatThrownBy(() -> ModelLoader.load(folder, CPU, 64)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("needs a config.json");
        assertThatThrownBy(() -> ModelLoader.inspect(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("needs a config.json");
    }

    @Test
    void exportRefusesAMismatchedVocabularyAndUnsupportedStorage() {
        LlamaConfig c = config(false, RopeStyle.INTERLEAVED);
        InMemoryWeights w = RandomWeights.create(c, 1);
        Path file = dir.resolve("x.gguf");
        assertThatThrownBy(() -> LlamaGguf.write(file, c, w, GgmlType.F32, LlamaGguf.vocabulary(300), "x"))
                .hasMessageContaining("300 tokens");
        assertThatThrownBy(() -> LlamaGguf.write(file, c, w, GgmlType.Q4_K)).hasMessageContaining("Q4_K");
        assertThatThrownBy(() -> LlamaGguf.vocabulary(100)).hasMessageContaining("more than 259");
        assertThat(file).doesNotExist();
    }

    @Test
    void generatedVocabulariesHaveDistinctTokensAtAnySize() {
        LlamaGguf.Vocab v = LlamaGguf.vocabulary(32000);
        assertThat(v.size()).isEqualTo(32000);
        assertThat(new java.util.HashSet<>(v.tokens())).hasSize(32000);
        assertThat(v.tokens().subList(0, 4)).containsExactly("<unk>", "<s>", "</s>", "<0x00>");
        assertThat(v.tokens().get(258)).isEqualTo("<0xFF>");
        assertThat(v.types()[0]).isEqualTo(2);
        assertThat(v.types()[258]).isEqualTo(6);
        assertThat(v.scores()[259]).isGreaterThan(v.scores()[31999]);
    }
}
