package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;

/**
 * SwiGLU gate: {@code a = silu(g) · u} with silu(g) = g·σ(g). Shapes: g, u, a and their gradients [M, F]
 * (flattened, n = M·F). The scalar tails repeat the vector lanes' float operations, so an element's bits
 * do not depend on where a thread's chunk ends. Backward: {@code du = da · silu(g)}, {@code dg = da · u · σ(g)·(1 + g·(1 − σ(g)))}.
 */
public final class SwiGlu {

    private SwiGlu() {
    }

    public static void forward(TrainPool pool, float[] g, float[] u, float[] a, int n) {
        pool.parallelFor(n, 4096, (from, to) -> {
            int i = from;
            for (int bound = from + Vec.S.loopBound(to - from); i < bound; i += Vec.L) {
                FloatVector gv = FloatVector.fromArray(Vec.S, g, i);
                FloatVector silu = gv.div(Vec.exp(gv.neg()).add(1f));
                silu.mul(FloatVector.fromArray(Vec.S, u, i)).intoArray(a, i);
            }
            for (; i < to; i++) {
                a[i] = g[i] / (Vec.exp(-g[i]) + 1f) * u[i];
            }
        });
    }

    /** Writes dg and du (may alias g and u: each element is read before it is written). */
    public static void backward(TrainPool pool, float[] da, float[] g, float[] u, float[] dg, float[] du, int n) {
        pool.parallelFor(n, 4096, (from, to) -> {
            int i = from;
            for (int bound = from + Vec.S.loopBound(to - from); i < bound; i += Vec.L) {
                FloatVector gv = FloatVector.fromArray(Vec.S, g, i);
                FloatVector uv = FloatVector.fromArray(Vec.S, u, i);
                FloatVector dav = FloatVector.fromArray(Vec.S, da, i);
                FloatVector sig = FloatVector.broadcast(Vec.S, 1f).div(Vec.exp(gv.neg()).add(1f));
                FloatVector silu = gv.mul(sig);
                FloatVector dsilu = sig.mul(gv.mul(sig.neg().add(1f)).add(1f));
                dav.mul(uv).mul(dsilu).intoArray(dg, i);
                dav.mul(silu).intoArray(du, i);
            }
            for (; i < to; i++) {
                float gi = g[i];
                float ui = u[i];
                float sig = 1f / (Vec.exp(-gi) + 1f);
                float dsilu = sig * (gi * (1f - sig) + 1f);
                dg[i] = da[i] * ui * dsilu;
                du[i] = da[i] * (gi * sig);
            }
        });
    }
}
