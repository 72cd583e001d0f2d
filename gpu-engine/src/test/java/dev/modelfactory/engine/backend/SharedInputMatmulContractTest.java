package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Backend#matmulSharedInput}: every weight's output equals the reference's fp32 {@code x · Wᵀ} of that
 * weight's values, for every kind of linear weight a backend holds (packed fp32, heap Q8_0, fp32 / Q8_0 /
 * Q4_0 / Q4_K / Q6_K read in place), alone and mixed in one call, on 1-3 cpu threads. Row counts cover
 * decode, the short-batch kernels and past every GEMM threshold (3, 4, 15, 16, 17); output widths 1, 7,
 * 33 and 40 put the split between threads inside panels of 16 rows and register tiles of 3.
 */
class SharedInputMatmulContractTest {

    private static final int K = 256;
    private static final RefBackend REF = new RefBackend();
    private static final List<Backend> BACKENDS = backends();
    private static final Arena ARENA = Arena.ofShared();

    private static List<Backend> backends() {
        List<Backend> all = new ArrayList<>(Backends.available().stream().map(e -> e.provider().create()).toList());
        all.add(new CpuBackend(1));
        all.add(new CpuBackend(2));
        all.add(new CpuBackend(3));
        all.add(new CpuBackend(2, false));
        return all;
    }

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
        ARENA.close();
    }

    /** One weight kind: its fp32 values and how a backend gets it. */
    private record Kind(String name, BiFunction<Backend, Integer, Weight> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private record Weight(float[] values, Tensor tensor) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("linear f32", (be, n) -> {
                float[] w = BackendContractTest.random(n * K, 7L * n);
                return new Weight(w, be.uploadLinear(w, n, K));
            }),
            new Kind("heap q8_0", (be, n) -> {
                MemorySegment q = Q8LinearContractTest.blocks(n, K, 11L * n);
                return new Weight(Q8_0.dequantize(q, n, K), be.uploadLinearQ8_0(q, n, K));
            }),
            new Kind("mapped f32", (be, n) -> {
                float[] w = BackendContractTest.random(n * K, 13L * n);
                MemorySegment s = ARENA.allocate(4L * w.length + 4).asSlice(4, 4L * w.length);
                MemorySegment.copy(w, 0, s, HostTensors.F32_LE, 0, w.length);
                return new Weight(w, be.mapLinear(s, n, K));
            }),
            new Kind("mapped q8_0", (be, n) -> {
                MemorySegment q = offHeap(Q8LinearContractTest.blocks(n, K, 17L * n));
                return new Weight(Q8_0.dequantize(q, n, K), be.mapLinearQ8_0(q, n, K));
            }),
            quant(QuantFormat.Q4_0), quant(QuantFormat.Q4_K), quant(QuantFormat.Q6_K));

    private static Kind quant(QuantFormat f) {
        return new Kind("mapped " + f, (be, n) -> {
            MemorySegment q = offHeap(QuantFormatTest.randomMatrix(f, n, K, 19L * n + f.ordinal()));
            return new Weight(f.dequantize(q, n, K), be.mapLinearQuant(f, q, n, K));
        });
    }

    private static MemorySegment offHeap(MemorySegment heap) {
        MemorySegment s = ARENA.allocate(heap.byteSize() + 3).asSlice(3, heap.byteSize());
        s.copyFrom(heap);
        return s;
    }

    static Stream<Arguments> cases() {
        return BACKENDS.stream().flatMap(be -> KINDS.stream().flatMap(kind -> IntStream.of(1, 2, 3, 4, 15, 16, 17)
                .mapToObj(m -> Arguments.of(be, kind, m))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} {1} m={2}")
    @MethodSource("cases")
    void eachOutputIsItsOwnMatmul(Backend be, Kind kind, int m) {
        check(be, m, List.of(kind, kind, kind), new int[] {40, 7, 33});
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} mixed m={1}")
    @MethodSource("mixedCases")
    void mixedKindsInOneCall(Backend be, int m) {
        check(be, m, KINDS, new int[] {33, 1, 40, 7, 24, 16, 9});
    }

    static Stream<Arguments> mixedCases() {
        return BACKENDS.stream().flatMap(be -> IntStream.of(1, 2, 3, 16).mapToObj(m -> Arguments.of(be, m)));
    }

    private static void check(Backend be, int m, List<Kind> kinds, int[] widths) {
        float[] x = BackendContractTest.random(m * K, 23L * m);
        Tensor tx = be.upload(x, m, K);
        Tensor[] ws = new Tensor[kinds.size()];
        Tensor[] outs = new Tensor[kinds.size()];
        float[][] values = new float[kinds.size()][];
        for (int i = 0; i < ws.length; i++) {
            Weight w = kinds.get(i).make().apply(be, widths[i]);
            values[i] = w.values();
            ws[i] = w.tensor();
            outs[i] = be.allocate(m, widths[i]);
            be.upload(BackendContractTest.random(m * widths[i], 29), outs[i]); // overwritten, not accumulated
        }
        be.matmulSharedInput(tx, ws, outs);
        for (int i = 0; i < ws.length; i++) {
            int n = widths[i];
            float[] expected = new float[m * n];
            REF.matmul(REF.upload(x, m, K), REF.upload(values[i], n, K), true, new HostTensor(expected, m, n));
            Tolerance.f32Sum(K).check(be.name() + " " + kinds.get(i) + " output " + i, expected, be.download(outs[i]));
        }
    }

    @Test
    void mismatchedArgumentsAreRefused() {
        for (Backend be : BACKENDS) {
            Tensor x = be.upload(BackendContractTest.random(K, 1), 1, K);
            Tensor w = be.uploadLinear(BackendContractTest.random(8 * K, 2), 8, K);
            assertThatThrownBy(() -> be.matmulSharedInput(x, new Tensor[] {w, w}, new Tensor[] {be.allocate(1, 8)}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights for 1 outputs");
            assertThatThrownBy(() -> be.matmulSharedInput(x, new Tensor[] {w}, new Tensor[] {be.allocate(1, 9)}))
                    .isInstanceOf(IllegalArgumentException.class);
            Tensor square = be.uploadLinear(BackendContractTest.random(K * K, 3), K, K);
            assertThatThrownBy(() -> be.matmulSharedInput(x, new Tensor[] {square}, new Tensor[] {x}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is the input");
            assertThat(be.download(x)).containsExactly(BackendContractTest.random(K, 1));
        }
    }
}
