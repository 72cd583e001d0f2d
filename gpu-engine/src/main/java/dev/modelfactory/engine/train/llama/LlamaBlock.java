package dev.modelfactory.engine.train.llama;

import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.train.layer.Attention;
import dev.modelfactory.engine.train.layer.Linear;
import dev.modelfactory.engine.train.layer.RmsNorm;
import dev.modelfactory.engine.train.layer.Rope;
import dev.modelfactory.engine.train.layer.SwiGlu;
import dev.modelfactory.engine.train.layer.TrainPool;

/**
 * One pre-norm Llama block with the activations its backward needs:
 * {@code x' = x + Wo·attn(rope(Wq·n1), rope(Wk·n1), Wv·n1)}, {@code y = x' + Wdown·(silu(Wgate·n2) ⊙ Wup·n2)} with
 * n1 = rmsnorm(x), n2 = rmsnorm(x'). Shapes (M = B·T tokens): x, n1, att, x', n2, y [M, C]; q [M, H·D];
 * k, v [M, Hkv·D]; g, u, a [M, F]; r1, r2 [M]; lse [M, H]. The block's input x belongs to the caller (the
 * previous block's output) and must stay unchanged until backward.
 */
final class LlamaBlock {

    private final LlamaConfig c;
    final float[] attnNorm;
    final float[] attnNormGrad;
    final Linear wq;
    final Linear wk;
    final Linear wv;
    final Linear wo;
    final float[] ffnNorm;
    final float[] ffnNormGrad;
    final Linear gate;
    final Linear up;
    final Linear down;

    private int m;
    private float[] x;
    private float[] n1;
    private float[] r1;
    private float[] q;
    private float[] k;
    private float[] v;
    private float[] att;
    private float[] lse;
    private float[] mid;
    private float[] n2;
    private float[] r2;
    private float[] g;
    private float[] u;
    private float[] a;

    LlamaBlock(LlamaConfig c, float[] attnNorm, float[] attnNormGrad, Linear wq, Linear wk, Linear wv, Linear wo,
            float[] ffnNorm, float[] ffnNormGrad, Linear gate, Linear up, Linear down) {
        this.c = c;
        this.attnNorm = attnNorm;
        this.attnNormGrad = attnNormGrad;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
        this.ffnNorm = ffnNorm;
        this.ffnNormGrad = ffnNormGrad;
        this.gate = gate;
        this.up = up;
        this.down = down;
    }

    private void allocate(int rows) {
        if (m == rows && n1 != null) {
            return;
        }
        m = rows;
        int dim = c.dim();
        n1 = new float[rows * dim];
        r1 = new float[rows];
        q = new float[rows * dim];
        k = new float[rows * c.kvDim()];
        v = new float[rows * c.kvDim()];
        att = new float[rows * dim];
        lse = new float[rows * c.heads()];
        mid = new float[rows * dim];
        n2 = new float[rows * dim];
        r2 = new float[rows];
        g = new float[rows * c.hiddenDim()];
        u = new float[rows * c.hiddenDim()];
        a = new float[rows * c.hiddenDim()];
    }

    /** y [M, C] from x [M, C]. */
    void forward(TrainPool pool, Rope rope, float[] x, float[] y, Batch batch, Long dropoutSeed) {
        int rows = batch.rows();
        allocate(rows);
        this.x = x;
        RmsNorm.forward(pool, x, attnNorm, c.rmsEps(), n1, r1, rows, c.dim());
        wq.forward(pool, n1, q, rows, dropoutSeed);
        wk.forward(pool, n1, k, rows, dropoutSeed);
        wv.forward(pool, n1, v, rows, dropoutSeed);
        rope.forward(pool, q, c.heads(), batch.positions(), rows);
        rope.forward(pool, k, c.kvHeads(), batch.positions(), rows);
        Attention.forward(pool, q, k, v, batch.segments(), batch.batch(), batch.seqLen(), c.heads(), c.kvHeads(),
                c.headDim(), att, lse);
        wo.forward(pool, att, mid, rows, dropoutSeed);
        add(x, mid);
        RmsNorm.forward(pool, mid, ffnNorm, c.rmsEps(), n2, r2, rows, c.dim());
        gate.forward(pool, n2, g, rows, dropoutSeed);
        up.forward(pool, n2, u, rows, dropoutSeed);
        SwiGlu.forward(pool, g, u, a, rows * c.hiddenDim());
        down.forward(pool, a, y, rows, dropoutSeed);
        add(mid, y);
    }

    /**
     * Turns dy (the gradient at this block's output, [M, C]) in place into the gradient at its input, adding
     * parameter gradients on the way. {@code needInput} false (the first block under a frozen embedding) skips
     * the part of the input gradient that goes through the attention norm.
     */
    void backward(TrainPool pool, Rope rope, float[] dy, Batch batch, Scratch s, boolean needInput) {
        int rows = batch.rows();
        down.backward(pool, dy, s.da, false);
        SwiGlu.backward(pool, s.da, g, u, g, u, rows * c.hiddenDim());
        gate.backward(pool, g, s.dh, false);
        up.backward(pool, u, s.dh, true);
        RmsNorm.backward(pool, s.dh, mid, ffnNorm, r2, dy, ffnNormGrad, rows, c.dim());
        wo.backward(pool, dy, s.dh, false);
        Attention.backward(pool, s.dh, q, k, v, att, lse, batch.segments(), batch.batch(), batch.seqLen(), c.heads(),
                c.kvHeads(), c.headDim(), s.dq, s.dk, s.dv);
        rope.backward(pool, s.dq, c.heads(), batch.positions(), rows);
        rope.backward(pool, s.dk, c.kvHeads(), batch.positions(), rows);
        boolean input = needInput || attnNormGrad != null;
        wq.backward(pool, s.dq, input ? s.dh : null, false);
        wk.backward(pool, s.dk, input ? s.dh : null, true);
        wv.backward(pool, s.dv, input ? s.dh : null, true);
        if (input) {
            RmsNorm.backward(pool, s.dh, x, attnNorm, r1, dy, attnNormGrad, rows, c.dim());
        }
        x = null;
    }

    private static void add(float[] from, float[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    /** Backward scratch shared by all blocks: da [M, F]; dh, dq [M, C]; dk, dv [M, Hkv·D]. */
    static final class Scratch {
        final float[] da;
        final float[] dh;
        final float[] dq;
        final float[] dk;
        final float[] dv;

        Scratch(LlamaConfig c, int rows) {
            da = new float[rows * c.hiddenDim()];
            dh = new float[rows * c.dim()];
            dq = new float[rows * c.dim()];
            dk = new float[rows * c.kvDim()];
            dv = new float[rows * c.kvDim()];
        }
    }
}
