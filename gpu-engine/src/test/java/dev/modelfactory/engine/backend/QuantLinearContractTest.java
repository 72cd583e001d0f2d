package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Q4_0 / Q4_K / Q6_K weights handed over in place ({@link Backend#mapLinearQuant}), off-heap at an odd
 * address as a mapped file gives them: every backend's {@code x · Wᵀ} equals the reference's fp32 matmul of
 * the dequantised values ({@link QuantFormat#dequantize}). The cpu kernels decode W bit-exactly and keep x in
 * fp32, so only the summation order differs: the fp32 tolerance of a length-K sum applies (a wrong nibble,
 * scale or block offset moves results by whole percent). The tensor reads back as exactly the dequantised
 * values and serves {@code embedding}. Shapes: T = 1, 2 (decode), 15 (last per-row), 16, 17, 129
 * (panel GEMM, tiles of 4 and leftovers); out = 1, 7, 40 (panels of 2 vectors and leftovers); in =
 * 1, 3, 9, 17 blocks for Q4_0 (32 .. 544: odd multiples of 32 end the 4-vector loop early, 288 and 544 end
 * in a partial 256-column K block of the GEMM) and 1, 3, 5 super-blocks for the K-quants.
 */
class QuantLinearContractTest {

    private static final RefBackend REF = new RefBackend();
    private static final List<Backend> BACKENDS =
            Backends.available().stream().map(e -> e.provider().create()).toList();
    private static final Arena ARENA = Arena.ofShared();

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
        ARENA.close();
    }

    static Stream<Arguments> cases() {
        int[] ts = {1, 2, 15, 16, 17, 129};
        int[] outs = {1, 7, 40};
        return BACKENDS.stream().flatMap(b -> Stream.of(QuantFormat.values()).flatMap(f -> {
            int[] blocks = f == QuantFormat.Q4_0 ? new int[] {1, 3, 9, 17} : new int[] {1, 3, 5};
            return IntStream.of(ts).boxed().flatMap(m -> IntStream.of(blocks).boxed()
                    .flatMap(kb -> IntStream.of(outs).mapToObj(n -> Arguments.of(b, f, m, kb * f.block(), n))));
        }));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} mapped {1} {2}x{3} · [{4},{3}]ᵀ")
    @MethodSource("cases")
    void matchesReferenceOnDequantisedWeights(Backend be, QuantFormat f, int m, int k, int n) {
        MemorySegment heap = QuantFormatTest.randomMatrix(f, n, k, 31L * n + k + f.ordinal());
        float[] w = f.dequantize(heap, n, k);
        float[] x = BackendContractTest.random(m * k, 41);
        float[] expected = new float[m * n];
        REF.matmul(REF.upload(x, m, k), REF.upload(w, n, k), true, new HostTensor(expected, m, n));

        Tensor tw = be.mapLinearQuant(f, offHeap(heap, 3), n, k);
        Tensor out = be.allocate(m, n);
        be.matmul(be.upload(x, m, k), tw, true, out);
        checkSum(be.name() + " mapped " + f + " matmul", x, w, m, k, n, expected, be.download(out));
        assertThat(be.download(tw)).as("reads back as the dequantised values").containsExactly(w);
        assertThat(tw.shape()).containsExactly(n, k);
    }

    /** A mapped quantised table serves embedding: rows decoded exactly; an id past the table is refused. */
    @Test
    void mappedTablesServeEmbedding() {
        int vocab = 37;
        int[] ids = {36, 0, 5, 5, 1};
        for (QuantFormat f : QuantFormat.values()) {
            int dim = 2 * f.block();
            MemorySegment heap = QuantFormatTest.randomMatrix(f, vocab, dim, 51 + f.ordinal());
            float[] table = f.dequantize(heap, vocab, dim);
            MemorySegment blocks = offHeap(heap, 1);
            for (Backend be : BACKENDS) {
                Tensor t = be.mapLinearQuant(f, blocks, vocab, dim);
                Tensor out = be.allocate(ids.length, dim);
                be.embedding(t, ids, out);
                float[] got = be.download(out);
                for (int i = 0; i < ids.length; i++) {
                    assertThat(Arrays.copyOfRange(got, i * dim, (i + 1) * dim))
                            .as("%s %s row %d", be.name(), f, ids[i])
                            .containsExactly(Arrays.copyOfRange(table, ids[i] * dim, (ids[i] + 1) * dim));
                }
                assertThatThrownBy(() -> be.embedding(t, new int[] {vocab}, be.allocate(1, dim)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(vocab));
            }
        }
    }

    /** Block data of the wrong size (short, long, or rows that are not whole blocks) is refused before any read. */
    @Test
    void refusesWrongSizes() {
        for (Backend be : BACKENDS) {
            assertThatThrownBy(() -> be.mapLinearQuant(QuantFormat.Q4_0, MemorySegment.ofArray(new byte[18]), 2, 32))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 36 bytes, got 18");
            assertThatThrownBy(() -> be.mapLinearQuant(QuantFormat.Q4_K, MemorySegment.ofArray(new byte[289]), 2, 256))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 288 bytes, got 289");
            assertThatThrownBy(() -> be.mapLinearQuant(QuantFormat.Q6_K, MemorySegment.ofArray(new byte[210]), 1, 128))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 256");
        }
    }

    /** The cpu backend keeps only the reference: once the memory is closed, use fails cleanly. */
    @Test
    void closedMemoryFailsCleanly() {
        try (Backend cpu = Backends.named("cpu")) {
            MemorySegment heap = QuantFormatTest.randomMatrix(QuantFormat.Q4_K, 8, 256, 61);
            Tensor tw;
            try (Arena arena = Arena.ofShared()) {
                tw = cpu.mapLinearQuant(QuantFormat.Q4_K, arena.allocate(heap.byteSize()).copyFrom(heap), 8, 256);
                cpu.matmul(cpu.upload(new float[256], 1, 256), tw, true, cpu.allocate(1, 8));
            }
            Tensor x = cpu.upload(new float[256], 1, 256);
            assertThatThrownBy(() -> cpu.matmul(x, tw, true, cpu.allocate(1, 8)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cpu.upload(new float[8 * 256], tw)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read-only");
        }
    }

    /**
     * Summation-order tolerance of {@code out[i][r] = Σ_j x[i][j] · w[r][j]}: 4 · sqrt(K) · u · Σ|x · w|
     * (u = 2⁻²⁴, a few times the random-walk estimate of the rounding error of a length-K fp32 sum). Relative
     * to the sum of magnitudes because random blocks make weights up to ~50 whose products cancel; a wrong
     * nibble or sub-block scale changes a result by whole terms (|x · w| ~ 1 and more), far outside it.
     */
    private static void checkSum(String what, float[] x, float[] w, int m, int k, int n, float[] expected,
            float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double rel = 4 * Math.sqrt(k) * 0x1p-24;
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < n; r++) {
                double mag = 0;
                for (int j = 0; j < k; j++) {
                    mag += Math.abs((double) x[i * k + j] * w[r * k + j]);
                }
                double diff = Math.abs((double) actual[i * n + r] - expected[i * n + r]);
                assertThat(diff).as("%s: [%d, %d] = %s, expected %s", what, i, r, actual[i * n + r],
                        expected[i * n + r]).isLessThanOrEqualTo(rel * mag + 1e-7);
            }
        }
    }

    /** A copy of {@code heap} in off-heap memory starting {@code misalign} bytes past an address. */
    private static MemorySegment offHeap(MemorySegment heap, int misalign) {
        return ARENA.allocate(heap.byteSize() + misalign).asSlice(misalign, heap.byteSize()).copyFrom(heap);
    }
}
