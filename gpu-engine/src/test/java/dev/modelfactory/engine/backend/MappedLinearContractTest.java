package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weights handed over in place ({@link Backend#mapLinear}, {@link Backend#mapLinearQ8_0}), as a mapped file
 * gives them: off-heap memory, and for fp32 at an offset that is not float aligned. Every backend's
 * {@code x · Wᵀ} equals the reference's fp32 matmul of the same values, the tensor reads back as exactly
 * those values, and {@code embedding} reads its rows (a tied model uses one tensor for both). Shapes: T =
 * 1, 2, 3 (decode GEMV), 4, 5, 17, 33, 129 (tiles of 4 x rows and their leftovers, Q8_0's panel GEMM from
 * 16 rows); in = 1, 7, 13 (shorter than a vector), 33, 513 and 1030 (past the 512 K block, not vector
 * multiples); out = 1, 2, 4, 5, 7, 65 (tiles of 3 outputs and leftovers). Using the weights after their
 * memory is closed fails with an exception, never a stray read.
 */
class MappedLinearContractTest {

    private static final RefBackend REF = new RefBackend();
    private static final List<Backend> BACKENDS =
            Backends.available().stream().map(e -> e.provider().create()).toList();
    private static final Arena ARENA = Arena.ofShared();

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
        ARENA.close();
    }

    static Stream<Arguments> f32Cases() {
        int[] ts = {1, 2, 3, 4, 5, 17, 33, 129};
        int[] ins = {1, 7, 13, 33, 513, 1030};
        int[] outs = {1, 2, 4, 5, 7, 65};
        return BACKENDS.stream().flatMap(b -> IntStream.of(ts).boxed().flatMap(m -> IntStream.of(ins).boxed()
                .flatMap(k -> IntStream.of(outs).mapToObj(n -> Arguments.of(b, m, k, n)))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} mapped f32 {1}x{2} · [{3},{2}]ᵀ")
    @MethodSource("f32Cases")
    void f32MatchesReference(Backend be, int m, int k, int n) {
        float[] w = BackendContractTest.random(n * k, 21);
        float[] x = BackendContractTest.random(m * k, 22);
        float[] expected = new float[m * n];
        REF.matmul(REF.upload(x, m, k), REF.upload(w, n, k), true, new HostTensor(expected, m, n));

        Tensor tw = be.mapLinear(offHeap(w, 1 + (n + k) % 3), n, k);
        Tensor out = be.allocate(m, n);
        be.matmul(be.upload(x, m, k), tw, true, out);
        Tolerance.f32Sum(k).check(be.name() + " mapped f32 matmul", expected, be.download(out));
        assertThat(be.download(tw)).as("reads back as the mapped values").containsExactly(w);
        assertThat(tw.shape()).containsExactly(n, k);
    }

    static Stream<Arguments> q8Cases() {
        int[] ts = {1, 2, 5, 16, 17, 33, 129};
        int[] ins = {32, 96, 544};
        int[] outs = {1, 7, 33, 40};
        return BACKENDS.stream().flatMap(b -> IntStream.of(ts).boxed().flatMap(m -> IntStream.of(ins).boxed()
                .flatMap(k -> IntStream.of(outs).mapToObj(n -> Arguments.of(b, m, k, n)))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} mapped q8_0 {1}x{2} · [{3},{2}]ᵀ")
    @MethodSource("q8Cases")
    void q8MatchesReferenceOnDequantisedWeights(Backend be, int m, int k, int n) {
        MemorySegment heap = Q8LinearContractTest.blocks(n, k, 17L * n + k);
        float[] w = Q8_0.dequantize(heap, n, k);
        float[] x = BackendContractTest.random(m * k, 23);
        float[] expected = new float[m * n];
        REF.matmul(REF.upload(x, m, k), REF.upload(w, n, k), true, new HostTensor(expected, m, n));

        MemorySegment blocks = ARENA.allocate(heap.byteSize() + 3).asSlice(3, heap.byteSize());
        blocks.copyFrom(heap);
        Tensor tw = be.mapLinearQ8_0(blocks, n, k);
        Tensor out = be.allocate(m, n);
        be.matmul(be.upload(x, m, k), tw, true, out);
        Tolerance.f32Sum(k).check(be.name() + " mapped q8_0 matmul", expected, be.download(out));
        assertThat(be.download(tw)).as("reads back as the dequantised values").containsExactly(w);
    }

    /** A mapped table serves embedding: rows copied (fp32) or dequantised (Q8_0) exactly. */
    @Test
    void mappedTablesServeEmbedding() {
        int vocab = 37;
        int dim = 64;
        int[] ids = {36, 0, 5, 5, 1};
        float[] f32 = BackendContractTest.random(vocab * dim, 24);
        MemorySegment q8Heap = Q8LinearContractTest.blocks(vocab, dim, 25);
        float[] q8 = Q8_0.dequantize(q8Heap, vocab, dim);
        MemorySegment q8Blocks = ARENA.allocate(q8Heap.byteSize()).copyFrom(q8Heap);
        for (Backend be : BACKENDS) {
            for (boolean quantised : new boolean[] {false, true}) {
                float[] table = quantised ? q8 : f32;
                Tensor t = quantised ? be.mapLinearQ8_0(q8Blocks, vocab, dim) : be.mapLinear(offHeap(f32, 2), vocab, dim);
                Tensor out = be.allocate(ids.length, dim);
                be.embedding(t, ids, out);
                float[] got = be.download(out);
                for (int i = 0; i < ids.length; i++) {
                    assertThat(java.util.Arrays.copyOfRange(got, i * dim, (i + 1) * dim))
                            .as("%s %s row %d", be.name(), quantised ? "q8_0" : "f32", ids[i])
                            .containsExactly(java.util.Arrays.copyOfRange(table, ids[i] * dim, (ids[i] + 1) * dim));
                }
                assertThatThrownBy(() -> be.embedding(t, new int[] {vocab}, be.allocate(1, dim)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(vocab));
            }
        }
    }

    @Test
    void refusesWrongSizes() {
        for (Backend be : BACKENDS) {
            assertThatThrownBy(() -> be.mapLinear(MemorySegment.ofArray(new byte[12]), 2, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 bytes");
            assertThatThrownBy(() -> be.mapLinearQ8_0(MemorySegment.ofArray(new byte[34]), 2, 32))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 68 bytes");
        }
    }

    /** The cpu backend keeps only the reference: once the memory is closed, use fails cleanly. */
    @Test
    void closedMemoryFailsCleanly() {
        try (Backend cpu = Backends.named("cpu")) {
            float[] w = BackendContractTest.random(8 * 16, 26);
            Tensor tw;
            try (Arena arena = Arena.ofShared()) {
                MemorySegment s = arena.allocate(4L * w.length);
                MemorySegment.copy(w, 0, s, HostTensors.F32_LE, 0, w.length);
                tw = cpu.mapLinear(s, 8, 16);
                Tensor out = cpu.allocate(1, 8);
                cpu.matmul(cpu.upload(new float[16], 1, 16), tw, true, out);
            }
            Tensor x = cpu.upload(new float[16], 1, 16);
            assertThatThrownBy(() -> cpu.matmul(x, tw, true, cpu.allocate(1, 8)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cpu.upload(w, tw)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read-only");
        }
    }

    /** {@code values} as little-endian fp32 in off-heap memory starting {@code misalign} bytes past an address. */
    private static MemorySegment offHeap(float[] values, int misalign) {
        MemorySegment s = ARENA.allocate(4L * values.length + misalign).asSlice(misalign, 4L * values.length);
        MemorySegment.copy(values, 0, s, HostTensors.F32_LE, 0, values.length);
        return s;
    }
}
