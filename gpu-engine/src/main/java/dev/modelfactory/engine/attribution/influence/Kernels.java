package dev.modelfactory.engine.attribution.influence;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector kernels over float arrays for the scorer: a dot and an axpy over a column range. */
final class Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Kernels() {
    }

    /** Sum of a[c] * b[c] over c in [from, to). */
    static float dot(float[] a, float[] b, int from, int to) {
        FloatVector acc = FloatVector.zero(S);
        int c = from;
        for (int upper = from + S.loopBound(to - from); c < upper; c += S.length()) {
            acc = FloatVector.fromArray(S, a, c).fma(FloatVector.fromArray(S, b, c), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < to; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    /** acc[c] += x * a[c] over c in [from, to). */
    static void axpy(float x, float[] a, float[] acc, int from, int to) {
        FloatVector xv = FloatVector.broadcast(S, x);
        int c = from;
        for (int upper = from + S.loopBound(to - from); c < upper; c += S.length()) {
            FloatVector.fromArray(S, a, c).fma(xv, FloatVector.fromArray(S, acc, c)).intoArray(acc, c);
        }
        for (; c < to; c++) {
            acc[c] += x * a[c];
        }
    }
}
