package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API loops shared by the layers: dot products and AXPYs over runs of n floats. */
final class Vec {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private Vec() {
    }

    static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        FloatVector s = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            s = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            r += x[xOff + i] * y[yOff + i];
        }
        return r;
    }

    /** {@code y[yOff..+n] += alpha · x[xOff..+n]}. */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(a, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code y[0..n) += x[0..n)}. */
    static void add(float[] x, float[] y, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, i).add(FloatVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += x[i];
        }
    }
}
