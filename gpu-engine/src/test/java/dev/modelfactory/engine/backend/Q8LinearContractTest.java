package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.format.gguf.GgmlDequantizer;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linear weights given as Q8_0 blocks ({@link Backend#uploadLinearQ8_0}): every backend's {@code x · Wᵀ}
 * equals the reference's fp32 matmul on the dequantised W (the values ggml's dequantiser gives), and reads
 * back as exactly those values. Shapes: out 1, odd, one past a vector multiple; in 1, 2, 3 and 64 blocks
 * (odd block counts exercise the two-block kernel's tail); rows 1 (decode), 3 (per-row kernel), 17, 64, 129
 * (cpu's panel GEMM: one row past, on, and one row past the 4-row sliver); out 40 is, like 7, 33 and 65, not a
 * multiple of the panel width (16 or 32 floats), so the last panel is partial.
 */
class Q8LinearContractTest {

    private static final RefBackend REF = new RefBackend();
    private static final List<Backend> BACKENDS =
            Backends.available().stream().map(e -> e.provider().create()).toList();

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
    }

    static Stream<Arguments> cases() {
        int[] outs = {1, 7, 33, 40, 65};
        int[] ins = {32, 64, 96, 2048};
        int[] rows = {1, 3, 17, 64, 129};
        return BACKENDS.stream().flatMap(b -> IntStream.of(outs).boxed().flatMap(n -> IntStream.of(ins).boxed()
                .flatMap(k -> IntStream.of(rows).mapToObj(m -> Arguments.of(b, m, k, n)))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} q8_0 linear {1}x{2} · [{3},{2}]ᵀ")
    @MethodSource("cases")
    void matchesReferenceOnDequantisedWeights(Backend be, int m, int k, int n) {
        MemorySegment blocks = blocks(n, k, 31L * n + k);
        float[] w = ggmlDequantised(blocks, n * k);
        float[] x = BackendContractTest.random(m * k, 9);
        float[] expected = new float[m * n];
        REF.matmul(REF.upload(x, m, k), REF.upload(w, n, k), true, new HostTensor(expected, m, n));

        Tensor tw = be.uploadLinearQ8_0(blocks, n, k);
        Tensor out = be.allocate(m, n);
        be.matmul(be.upload(x, m, k), tw, true, out);
        Tolerance.f32Sum(k).check(be.name() + " q8_0 matmul", expected, be.download(out));
        assertThat(be.download(tw)).as("reads back as the dequantised values").containsExactly(w);
        assertThat(tw.shape()).containsExactly(n, k);
    }

    /** The default body hands back to the fp32 path: same tensor content, same result, bit for bit. */
    @Test
    void defaultPathIsDequantiseThenUploadLinear() {
        int m = 3;
        int n = 33;
        int k = 96;
        MemorySegment blocks = blocks(n, k, 5);
        float[] w = ggmlDequantised(blocks, n * k);
        assertThat(Q8_0.dequantize(blocks, n, k)).containsExactly(w);
        float[] x = BackendContractTest.random(m * k, 10);
        float[] viaQ8 = new float[m * n];
        float[] viaF32 = new float[m * n];
        REF.matmul(REF.upload(x, m, k), REF.uploadLinearQ8_0(blocks, n, k), true, new HostTensor(viaQ8, m, n));
        REF.matmul(REF.upload(x, m, k), REF.uploadLinear(w, n, k), true, new HostTensor(viaF32, m, n));
        assertThat(viaQ8).containsExactly(viaF32);
    }

    /** One block by hand: d = 0.5 (fp16 0x3800), q = -128, -1, 0, 1, 127, ... */
    @Test
    void knownBlockDequantises() {
        byte[] b = new byte[Q8_0.BLOCK_BYTES];
        b[0] = 0x00;
        b[1] = 0x38;
        b[2] = -128;
        b[3] = -1;
        b[5] = 1;
        b[6] = 127;
        float[] w = Q8_0.dequantize(MemorySegment.ofArray(b), 1, 32);
        assertThat(w[0]).isEqualTo(-64f);
        assertThat(w[1]).isEqualTo(-0.5f);
        assertThat(w[2]).isEqualTo(0f);
        assertThat(w[3]).isEqualTo(0.5f);
        assertThat(w[4]).isEqualTo(63.5f);
        for (Backend be : BACKENDS) {
            float[] ones = new float[32];
            java.util.Arrays.fill(ones, 1f);
            Tensor out = be.allocate(1, 1);
            be.matmul(be.upload(ones, 1, 32), be.uploadLinearQ8_0(MemorySegment.ofArray(b), 1, 32), true, out);
            assertThat(be.download(out)).as(be.name()).containsExactly(-0.5f);
        }
    }

    @Test
    void refusesPartialBlocksAndWrongSizes() {
        for (Backend be : BACKENDS) {
            assertThatThrownBy(() -> be.uploadLinearQ8_0(MemorySegment.ofArray(new byte[34]), 1, 16))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 32");
            assertThatThrownBy(() -> be.uploadLinearQ8_0(MemorySegment.ofArray(new byte[34]), 2, 32))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 68 bytes");
        }
    }

    /**
     * Random Q8_0 blocks [n, k]: fp16 scales up to 1/127 (so |w| ≤ ~1), a zero-scale block now and then, and
     * quants over the whole int8 range including -128.
     */
    static MemorySegment blocks(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int count = n * (k / Q8_0.BLOCK);
        byte[] raw = new byte[count * Q8_0.BLOCK_BYTES];
        for (int b = 0; b < count; b++) {
            int at = b * Q8_0.BLOCK_BYTES;
            float d = r.nextInt(17) == 0 ? 0f : (float) (r.nextDouble() / 127);
            short h = Float.floatToFloat16(d);
            raw[at] = (byte) h;
            raw[at + 1] = (byte) (h >> 8);
            for (int j = 0; j < Q8_0.BLOCK; j++) {
                raw[at + 2 + j] = (byte) r.nextInt(256);
            }
        }
        return MemorySegment.ofArray(raw);
    }

    private static float[] ggmlDequantised(MemorySegment blocks, int elements) {
        float[] w = new float[elements];
        GgmlDequantizer.dequantize(GgmlType.Q8_0, blocks, 0, w, 0, elements);
        return w;
    }
}
