package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of every available backend against the reference backend, on awkward shapes: 1, odd sizes,
 * sizes that are not multiples of any vector length, and GQA head ratios. A backend that appears on the
 * class path (e.g. cuda) is picked up through {@link Backends#available()} without changes here.
 */
class BackendContractTest {

    private static final RefBackend REF = new RefBackend();
    private static final List<Backend> BACKENDS = Backends.available().stream().map(e -> e.provider().create()).toList();

    static Stream<Named<Backend>> backends() {
        return BACKENDS.stream().map(b -> Named.of(b.name(), b));
    }

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
    }

    /** How b is given: [K,N]; [N,K] transposed; [N,K] as a linear weight ({@link Backend#uploadLinear}). */
    enum BLayout { PLAIN, TRANSPOSED, LINEAR }

    static Stream<Arguments> matmulCases() {
        int[][] shapes = {{1, 1, 1}, {1, 7, 13}, {3, 13, 7}, {4, 33, 65}, {7, 65, 127}, {13, 127, 33}, {33, 300, 97},
            {65, 513, 70}, {5, 1030, 77}, {128, 64, 256}, {2, 257, 300}, {1, 640, 129}, {2, 16, 48},
            // cpu GEMM row splits (5-row slivers + 4-row + single rows), one stretched row block (300) and two
            // (330 = 255 + 75), whole and partial 16-column panels, K across 256 blocks and not a multiple of 8
            {8, 40, 32}, {9, 300, 64}, {12, 129, 48}, {16, 260, 33}, {24, 517, 80}, {300, 70, 40}, {330, 21, 48},
            {10, 1031, 17}};
        return backends().flatMap(b -> Stream.of(shapes).flatMap(s -> Stream.of(BLayout.values())
                .map(layout -> Arguments.of(b, s[0], s[1], s[2], layout))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} matmul {1}x{2}x{3} b {4}")
    @MethodSource("matmulCases")
    void matmul(Backend be, int m, int k, int n, BLayout layout) {
        boolean transB = layout != BLayout.PLAIN;
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        float[] expected = new float[m * n];
        REF.matmul(REF.upload(a, m, k), transB ? REF.upload(b, n, k) : REF.upload(b, k, n), transB,
                wrap(expected, m, n));
        Tensor out = be.allocate(m, n);
        Tensor tb = switch (layout) {
            case PLAIN -> be.upload(b, k, n);
            case TRANSPOSED -> be.upload(b, n, k);
            case LINEAR -> be.uploadLinear(b, n, k);
        };
        be.matmul(be.upload(a, m, k), tb, transB, out);
        Tolerance.f32Sum(k).check(be.name() + " matmul", expected, be.download(out));
        assertThat(java.util.Arrays.equals(be.download(tb), b)).as("b reads back unchanged").isTrue();
        assertThat(tb.shape()).containsExactly(layout == BLayout.PLAIN ? new int[] {k, n} : new int[] {n, k});
    }

    static Stream<Arguments> sizes() {
        int[][] shapes = {{1, 1}, {1, 7}, {3, 13}, {5, 33}, {2, 65}, {7, 127}, {300, 257}, {1, 70000}};
        return backends().flatMap(b -> Stream.of(shapes).map(s -> Arguments.of(b, s[0], s[1])));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} elementwise [{1},{2}]")
    @MethodSource("sizes")
    void elementwise(Backend be, int rows, int cols) {
        float[] x = random(rows * cols, 3);
        float[] y = random(rows * cols, 4);
        float[] row = random(cols, 5);
        for (String op : List.of("add", "mul", "addRow", "mulRow", "scale", "silu", "swiglu", "softmax", "logSoftmax")) {
            float[] expected = new float[rows * cols];
            apply(REF, op, x, y, row, rows, cols, wrap(expected, rows, cols));
            Tensor out = be.allocate(rows, cols);
            apply(be, op, x, y, row, rows, cols, out);
            Tolerance.F32.check(be.name() + " " + op, expected, be.download(out));
        }
    }

    private static void apply(Backend be, String op, float[] x, float[] y, float[] row, int rows, int cols, Tensor out) {
        Tensor tx = be.upload(x, rows, cols);
        Tensor ty = be.upload(y, rows, cols);
        Tensor tr = be.upload(row, cols);
        switch (op) {
            case "add" -> be.add(tx, ty, out);
            case "mul" -> be.mul(tx, ty, out);
            case "addRow" -> be.add(tx, tr, out);
            case "mulRow" -> be.mul(tx, tr, out);
            case "scale" -> be.scale(tx, -1.7f, out);
            case "silu" -> be.silu(be.upload(scaled(x, 8), rows, cols), out);
            case "swiglu" -> be.swiglu(be.upload(scaled(x, 8), rows, cols), ty, out);
            case "softmax" -> be.softmax(be.upload(scaled(x, 20), rows, cols), out);
            case "logSoftmax" -> be.logSoftmax(be.upload(scaled(x, 20), rows, cols), out);
            default -> throw new IllegalArgumentException(op);
        }
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} rmsNorm [{1},{2}]")
    @MethodSource("sizes")
    void rmsNorm(Backend be, int rows, int cols) {
        float[] x = random(rows * cols, 6);
        float[] w = random(cols, 7);
        float[] expected = new float[rows * cols];
        REF.rmsNorm(REF.upload(x, rows, cols), REF.upload(w, cols), 1e-5f, wrap(expected, rows, cols));
        Tensor tx = be.upload(x, rows, cols);
        be.rmsNorm(tx, be.upload(w, cols), 1e-5f, tx);
        Tolerance.f32Sum(cols).check(be.name() + " rmsNorm in place", expected, be.download(tx));
    }

    static Stream<Arguments> ropeCases() {
        RopeSpec[] specs = {new RopeSpec(10000f, RopeStyle.ROTATE_HALF, null),
            new RopeSpec(10000f, RopeStyle.INTERLEAVED, null),
            new RopeSpec(500000f, RopeStyle.ROTATE_HALF, RopeScaling.llama31()),
            new RopeSpec(1e6f, RopeStyle.INTERLEAVED, new RopeScaling(4f, 1f, 4f, 64))};
        int[][] shapes = {{1, 1, 2, 0}, {3, 2, 6, 5}, {7, 3, 34, 0}, {13, 4, 64, 100}, {2, 1, 130, 7}};
        return backends().flatMap(b -> Stream.of(specs).flatMap(sp -> Stream.of(shapes)
                .map(s -> Arguments.of(b, sp, s[0], s[1], s[2], s[3]))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} rope {1} T={2} H={3} D={4} start={5}")
    @MethodSource("ropeCases")
    void rope(Backend be, RopeSpec spec, int tokens, int heads, int headDim, int start) {
        float[] x = random(tokens * heads * headDim, 8);
        Tensor ref = REF.upload(x, tokens, heads * headDim);
        REF.rope(ref, heads, headDim, start, spec);
        Tensor t = be.upload(x, tokens, heads * headDim);
        be.rope(t, heads, headDim, start, spec);
        Tolerance.F32.check(be.name() + " rope", REF.download(ref), be.download(t));
    }

    static Stream<Arguments> attentionCases() {
        // tokens, startPos, heads, kvHeads, headDim
        int[][] cases = {{1, 0, 1, 1, 2}, {1, 12, 4, 2, 8}, {11, 0, 4, 2, 16}, {7, 5, 6, 2, 13}, {5, 3, 8, 1, 64},
            {13, 0, 3, 3, 33}, {3, 60, 12, 4, 18}, {33, 0, 2, 1, 127},
            // past cpu's threshold for handing attention to its threads: prefill, and decode over a long context
            {40, 100, 8, 2, 64}, {1, 1100, 12, 4, 16}};
        return backends().flatMap(b -> Stream.of(cases).map(c -> Arguments.of(b, c[0], c[1], c[2], c[3], c[4])));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} attention T={1} start={2} H={3} Hkv={4} D={5}")
    @MethodSource("attentionCases")
    void attention(Backend be, int tokens, int start, int heads, int kvHeads, int headDim) {
        int cacheRows = start + tokens + 3;
        float[] q = scaled(random(tokens * heads * headDim, 9), 3);
        float[] k = scaled(random(cacheRows * kvHeads * headDim, 10), 3);
        float[] v = random(cacheRows * kvHeads * headDim, 11);
        float[] expected = new float[tokens * heads * headDim];
        REF.attention(REF.upload(q, tokens, heads * headDim), REF.upload(k, cacheRows, kvHeads * headDim),
                REF.upload(v, cacheRows, kvHeads * headDim), start, heads, kvHeads, headDim,
                wrap(expected, tokens, heads * headDim));
        Tensor out = be.allocate(tokens, heads * headDim);
        be.attention(be.upload(q, tokens, heads * headDim), be.upload(k, cacheRows, kvHeads * headDim),
                be.upload(v, cacheRows, kvHeads * headDim), start, heads, kvHeads, headDim, out);
        Tolerance.f32Sum(headDim + start + tokens).check(be.name() + " attention", expected, be.download(out));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0}")
    @MethodSource("backends")
    void embeddingCopyRowsArgmax(Backend be) {
        float[] table = random(13 * 7, 12);
        int[] ids = {12, 0, 5, 5, 1};
        float[] expected = new float[ids.length * 7];
        REF.embedding(REF.upload(table, 13, 7), ids, wrap(expected, ids.length, 7));
        Tensor out = be.allocate(ids.length, 7);
        be.embedding(be.upload(table, 13, 7), ids, out);
        assertThat(be.download(out)).containsExactly(expected);

        Tensor cache = be.allocate(9, 7);
        be.copyRows(out, 0, cache, 3, ids.length);
        be.copyRows(out, 1, cache, 0, 1);
        float[] c = be.download(cache);
        assertThat(java.util.Arrays.copyOfRange(c, 21, 56)).containsExactly(expected);
        assertThat(java.util.Arrays.copyOfRange(c, 0, 7)).containsExactly(java.util.Arrays.copyOfRange(expected, 7, 14));
        assertThat(java.util.Arrays.copyOfRange(c, 7, 21)).containsOnly(0f);
        assertThatThrownBy(() -> be.copyRows(out, 0, cache, 5, ids.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("copyRows");

        float[] x = {1, 5, 5, -2, /**/ -3, -1, -7, -1, /**/ 0, 0, 0, 9};
        assertThat(be.argmax(be.upload(x, 3, 4))).containsExactly(1, 1, 3);
        assertThatThrownBy(() -> be.embedding(be.upload(table, 13, 7), new int[] {13}, be.allocate(1, 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("13");
        assertThatThrownBy(() -> be.matmul(be.allocate(2, 3), be.allocate(4, 5), false, be.allocate(2, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmul");
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[] scaled(float[] x, float s) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= s;
        }
        return y;
    }

    private static Tensor wrap(float[] data, int... shape) {
        return new dev.modelfactory.engine.tensor.HostTensor(data, shape);
    }
}
