package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A GGUF model whose matrices stay in the mapped file (F32 and Q8_0, tied or not) computes what the same
 * model computes from heap copies of the file's values (the packed path), for prompts of T = 1, 2, 5 and 17
 * tokens and then single-token decode steps; only fp32 summation order differs, so logits agree to 1e-5 of
 * the largest. The same holds with the cpu backend told to copy at load ({@code mapWeights} false), which
 * then serves a tied table's embedding rows out of its packed / Q8_0 layouts. And the lifetime: the mapped
 * matrices live as long as the file, so a model used after its file is closed fails cleanly.
 */
class MappedLoadTest {

    private static final Backend CPU = Backends.named("cpu");
    /** Copies at load instead (packed / heap Q8_0), and reads a tied table through those layouts. */
    private static final Backend COPYING = new CpuBackend(2, false);

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackend() {
        CPU.close();
        COPYING.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(GgmlType.F32, GgmlType.Q8_0).flatMap(type -> Stream.of(false, true)
                .flatMap(tied -> Stream.of(1, 2, 5, 17).flatMap(t -> Stream.of(
                        Arguments.of(type, tied, t, Named.of("mapped", CPU)),
                        Arguments.of(type, tied, t, Named.of("copied", COPYING))))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} tied {1} prompt of {2}, {3}")
    @MethodSource("cases")
    void mappedModelEqualsTheHeapModel(GgmlType type, boolean tied, int promptLength, Backend be) throws IOException {
        LlamaConfig c = LoaderRoundTripTest.config(tied, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("m.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 13), type);
        int[] prompt = new int[promptLength];
        for (int i = 0; i < promptLength; i++) {
            prompt[i] = (i * 151 + 1) % c.vocabSize();
        }
        try (LoadedModel mapped = ModelLoader.load(file, be, 64);
                LlamaModel heap = LlamaModel.load(mapped.model().config(), heapCopy(file), CPU);
                LlamaSession a = mapped.model().newSession();
                LlamaSession b = heap.newSession()) {
            assertClose("prefill", b.appendAll(prompt), a.appendAll(prompt));
            for (int t : new int[] {7, 300, 2}) {
                assertClose("decode " + t, b.append(t), a.append(t));
            }
        }
    }

    @Test
    void aModelUsedAfterItsFileIsClosedFailsCleanly() throws IOException {
        LlamaConfig c = LoaderRoundTripTest.config(true, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("closed.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 2), GgmlType.F32);
        LlamaModel model;
        try (GgufFile f = GgufFile.open(file)) {
            model = LlamaModel.load(c, new SourceWeights(f), CPU);
            try (LlamaSession s = model.newSession()) {
                assertThat(s.append(1)).hasSize(c.vocabSize());
            }
        }
        try (LlamaSession s = model.newSession()) {
            assertThatThrownBy(() -> s.append(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Every tensor of the file copied to the heap: the model then packs its matrices at load. */
    private static InMemoryWeights heapCopy(Path file) {
        InMemoryWeights w = new InMemoryWeights();
        try (GgufFile f = GgufFile.open(file)) {
            for (String name : f.names()) {
                if (name.equals(WeightNames.ROPE_FREQS)) {
                    continue;
                }
                w.put(name, f.dequantize(name), Arrays.stream(f.shape(name)).mapToInt(Math::toIntExact).toArray());
            }
        }
        return w;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        float maxAbs = 0;
        float maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxAbs).as(what + " logits are not all zero").isGreaterThan(0f);
        assertThat(maxDiff).as(what + " max |mapped - heap|").isLessThanOrEqualTo(1e-5f * maxAbs);
    }
}
