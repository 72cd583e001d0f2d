package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops shared by the layers: dot products and AXPYs over runs of n floats, lane sums and exp.
 *
 * <p>Bit-reproducible by construction: only operations IEEE 754 rounds exactly once (add, mul, div, fma,
 * min/max, compares, bit moves) in an order fixed by the code. {@code reduceLanes(ADD)} may add lanes in any
 * order (and HotSpot's order differs between the interpreter, C1 and C2), and {@code lanewise(EXP)} is a
 * 1-ulp SVML routine once C2 compiles it but {@code Math.exp} per lane before, so neither is used: a run
 * computes the same bits whatever the JIT has compiled so far, which is what makes a resumed run equal
 * the one that never stopped.
 */
final class Vec {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * exp's input range: x is clamped to [EXP_LO, EXP_HI]. At n = −127 (x below about −87.68) the exponent bits
     * become 0, so 2ⁿ and the result are exactly 0 (the true value is below 2⁻¹²⁶ there); above EXP_HI the
     * result is exp(88), about 1.65e38.
     */
    private static final float EXP_LO = -88f;
    private static final float EXP_HI = 88f;
    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding it rounds to an integer held in the low mantissa bits. */
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = 0x4B400000;
    /** ln 2 split in two (Cephes): LN2_HI has 9 significant bits, so n·LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Cephes expf's minimax polynomial for (e^r − 1 − r)/r² on |r| ≤ ln2/2. */
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private Vec() {
    }

    static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        FloatVector s = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            s = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s);
        }
        float r = sum(s);
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

    /** The lanes of v added in lane order, in float. */
    static float sum(FloatVector v) {
        float r = v.lane(0);
        for (int i = 1; i < L; i++) {
            r += v.lane(i);
        }
        return r;
    }

    /** The lanes of v added in lane order, in double. */
    static double sumDouble(FloatVector v) {
        double r = v.lane(0);
        for (int i = 1; i < L; i++) {
            r += v.lane(i);
        }
        return r;
    }

    /**
     * e^x per lane, to about 1 ulp (Cephes' expf: x = n·ln2 + r, e^r by a degree-7 polynomial, scaled by 2ⁿ
     * built in the exponent bits). NaN stays NaN. Equal bit for bit to {@link #exp(float)} on every lane.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        FloatVector pow2 = t.reinterpretAsInts().sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return y.mul(pow2);
    }

    /** e^x: {@link #exp(FloatVector)}'s operations on one float. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(xc, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        float pow2 = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (MAGIC_BITS - 127)) << 23);
        return y * pow2;
    }
}
