package dev.modelfactory.engine.train.layer;

import static dev.modelfactory.engine.train.layer.FiniteDifference.check;
import static dev.modelfactory.engine.train.layer.FiniteDifference.random;
import static dev.modelfactory.engine.train.layer.FiniteDifference.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layer's backward against central finite differences of {@code Σ w·forward(...)} with a random w (so
 * dy = w), on small awkward shapes (M = 5, C = 12, 3 heads over 1 kv head, odd widths). Runs on 2 threads so
 * the split paths are exercised too.
 */
class LayerGradientTest {

    private static final TrainPool POOL = new TrainPool(2);
    private static final int M = 5;

    @AfterAll
    static void close() {
        POOL.close();
    }

    @Test
    void frozenLinearWithBiasAndLoraWithDropout() {
        int k = 12;
        int n = 7;
        int r = 3;
        float[] x = random(1, M * k, 1);
        float[] w = random(2, n * k, 0.5);
        float[] bias = random(3, n, 0.5);
        Parameter a = new Parameter("a", new int[] {r, k}, random(4, r * k, 0.5));
        Parameter b = new Parameter("b", new int[] {n, r}, random(5, n * r, 0.5));
        LoraAdapter adapter = new LoraAdapter(a, b, 1.5f, 0.25f, 7);
        Linear layer = Linear.frozen(n, k, w, bias, adapter);
        float[] dy = random(6, M * n, 1);
        long seed = 99;
        java.util.function.DoubleSupplier f = () -> {
            float[] y = new float[M * n];
            layer.forward(POOL, x, y, M, seed);
            return weighted(y, dy);
        };
        float[] y = new float[M * n];
        layer.forward(POOL, x, y, M, seed);
        float[] dx = new float[M * k];
        layer.backward(POOL, dy, dx, false);
        check("lora dx", x, dx, f);
        check("lora dA", a.value(), a.grad(), f);
        check("lora dB", b.value(), b.grad(), f);
        float[] mask = adapter.mask(POOL, seed, M, k);
        assertThat(mask).as("dropout drops some and keeps some").contains(0f, 1f / 0.75f);
    }

    @Test
    void trainableLinearGradientsAccumulate() {
        int k = 12;
        int n = 9;
        float[] x = random(1, M * k, 1);
        float[] w = random(2, n * k, 0.5);
        float[] bias = random(3, n, 0.5);
        float[] dw = new float[n * k];
        float[] db = new float[n];
        Linear layer = Linear.trainable(n, k, w, dw, bias, db);
        float[] dy = random(6, M * n, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] y = new float[M * n];
            layer.forward(POOL, x, y, M, null);
            return weighted(y, dy);
        };
        float[] dx = random(7, M * k, 1);
        float[] dx0 = dx.clone();
        layer.forward(POOL, x, new float[M * n], M, null);
        layer.backward(POOL, dy, dx, true);
        for (int i = 0; i < dx.length; i++) {
            dx[i] -= dx0[i];
        }
        check("dx (accumulated onto what was there)", x, dx, f);
        check("dW", w, dw.clone(), f);
        check("dbias", bias, db.clone(), f);
        float[] once = dw.clone();
        layer.forward(POOL, x, new float[M * n], M, null);
        layer.backward(POOL, dy, null, false);
        for (int i = 0; i < dw.length; i++) {
            assertThat(dw[i]).isCloseTo(2 * once[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void rmsNorm() {
        int c = 12;
        float[] x = random(1, M * c, 2);
        float[] w = random(2, c, 1);
        float[] dy = random(3, M * c, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] y = new float[M * c];
            RmsNorm.forward(POOL, x, w, 1e-5f, y, new float[M], M, c);
            return weighted(y, dy);
        };
        float[] r = new float[M];
        RmsNorm.forward(POOL, x, w, 1e-5f, new float[M * c], r, M, c);
        float[] dx = new float[M * c];
        float[] dw = new float[c];
        RmsNorm.backward(POOL, dy, x, w, r, dx, dw, M, c);
        check("rmsnorm dx", x, dx, f);
        check("rmsnorm dw", w, dw, f);
    }

    @ParameterizedTest
    @EnumSource(RopeStyle.class)
    void rope(RopeStyle style) {
        int heads = 3;
        int d = 6;
        Rope rope = new Rope(new RopeSpec(10000f, style, new RopeScaling(8f, 1f, 4f, 4)), d, 16);
        int[] positions = {0, 1, 2, 0, 13};
        float[] x = random(1, M * heads * d, 1);
        float[] dy = random(2, M * heads * d, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] y = x.clone();
            rope.forward(POOL, y, heads, positions, M);
            return weighted(y, dy);
        };
        float[] dx = dy.clone();
        rope.backward(POOL, dx, heads, positions, M);
        check("rope dx " + style, x, dx, f);
    }

    @Test
    void attentionGroupedQueryWithSegments() {
        int batch = 2;
        int t = 5;
        int heads = 3;
        int kvHeads = 1;
        int d = 4;
        int rows = batch * t;
        int[] segments = {0, 0, 1, 1, 1, 0, 0, 0, -1, -1};
        float[] q = random(1, rows * heads * d, 1);
        float[] k = random(2, rows * kvHeads * d, 1);
        float[] v = random(3, rows * kvHeads * d, 1);
        float[] dO = random(4, rows * heads * d, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] o = new float[rows * heads * d];
            Attention.forward(POOL, q, k, v, segments, batch, t, heads, kvHeads, d, o, new float[rows * heads]);
            return weighted(o, dO);
        };
        float[] o = new float[rows * heads * d];
        float[] lse = new float[rows * heads];
        Attention.forward(POOL, q, k, v, segments, batch, t, heads, kvHeads, d, o, lse);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        Attention.backward(POOL, dO, q, k, v, o, lse, segments, batch, t, heads, kvHeads, d, dq, dk, dv);
        // Contiguous segments take the run path; the general loops must agree with it.
        assertThat(Attention.contiguous(segments, t)).isTrue();
        float[] oGeneral = new float[o.length];
        float[] lseGeneral = new float[lse.length];
        Attention.forwardGeneral(POOL, q, k, v, segments, batch, t, heads, kvHeads, d, oGeneral, lseGeneral);
        float[] dqGeneral = new float[q.length];
        float[] dkGeneral = new float[k.length];
        float[] dvGeneral = new float[v.length];
        Attention.backwardGeneral(POOL, dO, q, k, v, o, lse, segments, batch, t, heads, kvHeads, d, dqGeneral,
                dkGeneral, dvGeneral);
        org.assertj.core.data.Offset<Float> close = org.assertj.core.data.Offset.offset(1e-5f);
        for (int i = 0; i < o.length; i++) {
            assertThat(o[i]).isCloseTo(oGeneral[i], close);
            assertThat(dq[i]).isCloseTo(dqGeneral[i], close);
        }
        for (int i = 0; i < k.length; i++) {
            assertThat(dk[i]).isCloseTo(dkGeneral[i], close);
            assertThat(dv[i]).isCloseTo(dvGeneral[i], close);
        }
        check("attention dq", q, dq, f);
        check("attention dk", k, dk, f);
        check("attention dv", v, dv, f);
    }

    /** A segment that comes back after another (never produced by packing) takes the general path. */
    @Test
    void attentionWithInterleavedSegmentsAgreesWithFiniteDifferences() {
        int t = 6;
        int heads = 2;
        int d = 4;
        int[] segments = {0, 1, 0, 1, 1, 0};
        assertThat(Attention.contiguous(segments, t)).isFalse();
        assertThat(Attention.contiguous(new int[] {0, 0, 1, 1, -1, 0, 0, 1}, 8)).isFalse();
        assertThat(Attention.contiguous(new int[] {0, 0, 1, 1, 0, 0, 1, -1}, 4)).isTrue();
        float[] q = random(1, t * heads * d, 1);
        float[] k = random(2, t * d, 1);
        float[] v = random(3, t * d, 1);
        float[] dO = random(4, t * heads * d, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] o = new float[q.length];
            Attention.forward(POOL, q, k, v, segments, 1, t, heads, 1, d, o, new float[t * heads]);
            return weighted(o, dO);
        };
        float[] o = new float[q.length];
        float[] lse = new float[t * heads];
        Attention.forward(POOL, q, k, v, segments, 1, t, heads, 1, d, o, lse);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        Attention.backward(POOL, dO, q, k, v, o, lse, segments, 1, t, heads, 1, d, dq, dk, dv);
        check("general attention dq", q, dq, f);
        check("general attention dk", k, dk, f);
        check("general attention dv", v, dv, f);
        // Token 2 (segment 0) sees tokens 0 and 2 only: perturbing token 1 (segment 1) leaves it unchanged.
        float[] k2 = k.clone();
        k2[d] += 3f;
        float[] o2 = new float[q.length];
        Attention.forward(POOL, q, k2, v, segments, 1, t, heads, 1, d, o2, new float[t * heads]);
        assertThat(java.util.Arrays.copyOfRange(o2, 2 * heads * d, 3 * heads * d))
                .containsExactly(java.util.Arrays.copyOfRange(o, 2 * heads * d, 3 * heads * d));
    }

    @Test
    void segmentsNeverExchangeGradient() {
        int t = 6;
        int heads = 2;
        int d = 4;
        int[] segments = {0, 0, 0, 1, 1, 1};
        float[] q = random(1, t * heads * d, 1);
        float[] k = random(2, t * heads * d, 1);
        float[] v = random(3, t * heads * d, 1);
        // Loss only on segment 1's outputs: segment 0's inputs must get exactly zero gradient.
        float[] dO = random(4, t * heads * d, 1);
        java.util.Arrays.fill(dO, 0, 3 * heads * d, 0f);
        float[] o = new float[q.length];
        float[] lse = new float[t * heads];
        Attention.forward(POOL, q, k, v, segments, 1, t, heads, heads, d, o, lse);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        Attention.backward(POOL, dO, q, k, v, o, lse, segments, 1, t, heads, heads, d, dq, dk, dv);
        for (int i = 0; i < 3 * heads * d; i++) {
            assertThat(dq[i]).as("dq[%d]", i).isZero();
            assertThat(dk[i]).as("dk[%d]", i).isZero();
            assertThat(dv[i]).as("dv[%d]", i).isZero();
        }
        assertThat(dk[3 * heads * d]).isNotZero();
        // And forward: changing segment 0's keys and values leaves segment 1's outputs bit-identical.
        float[] k2 = k.clone();
        float[] v2 = v.clone();
        for (int i = 0; i < 3 * heads * d; i++) {
            k2[i] += 1f;
            v2[i] -= 1f;
        }
        float[] o2 = new float[q.length];
        Attention.forward(POOL, q, k2, v2, segments, 1, t, heads, heads, d, o2, new float[t * heads]);
        assertThat(java.util.Arrays.copyOfRange(o2, 3 * heads * d, o.length))
                .containsExactly(java.util.Arrays.copyOfRange(o, 3 * heads * d, o.length));
    }

    @Test
    void swiglu() {
        int n = M * 11;
        float[] g = random(1, n, 3);
        float[] u = random(2, n, 1);
        float[] da = random(3, n, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] a = new float[n];
            SwiGlu.forward(POOL, g, u, a, n);
            return weighted(a, da);
        };
        float[] dg = new float[n];
        float[] du = new float[n];
        SwiGlu.backward(POOL, da, g, u, dg, du, n);
        check("swiglu dg", g, dg, f);
        check("swiglu du", u, du, f);
    }

    @Test
    void embedding() {
        int vocab = 7;
        int c = 5;
        int[] ids = {3, 0, 3, 6, 2};
        float[] table = random(1, vocab * c, 1);
        float[] dx = random(2, M * c, 1);
        java.util.function.DoubleSupplier f = () -> {
            float[] x = new float[M * c];
            Embedding.forward(table, vocab, ids, x, c);
            return weighted(x, dx);
        };
        float[] dTable = new float[vocab * c];
        Embedding.backward(dx, ids, dTable, c);
        check("embedding dE", table, dTable, f);
    }

    @Test
    void crossEntropyIgnoresMaskedRows() {
        int vocab = 37;
        int[] targets = {4, TrainingBatch.IGNORE, 36, 0, TrainingBatch.IGNORE};
        float[] logits = random(1, M * vocab, 4);
        java.util.function.DoubleSupplier f = () -> CrossEntropy.forward(POOL, logits.clone(), targets, 0, M, vocab,
                false);
        float[] grad = logits.clone();
        double loss = CrossEntropy.forward(POOL, grad, targets, 0, M, vocab, true);
        check("cross-entropy dlogits", logits, grad, f);
        double expected = 0;
        for (int r = 0; r < M; r++) {
            if (targets[r] == TrainingBatch.IGNORE) {
                for (int j = 0; j < vocab; j++) {
                    assertThat(grad[r * vocab + j]).isZero();
                }
                continue;
            }
            double sum = 0;
            for (int j = 0; j < vocab; j++) {
                sum += Math.exp(logits[r * vocab + j]);
            }
            expected += Math.log(sum) - logits[r * vocab + targets[r]];
        }
        assertThat(loss).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(expected)));
    }
}
