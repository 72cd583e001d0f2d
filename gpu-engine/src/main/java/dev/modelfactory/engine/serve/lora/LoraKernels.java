package dev.modelfactory.engine.serve.lora;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two small GEMMs of one adapter group (SGMV-style: the rows of a batch that use one adapter are
 * gathered by index, never copied): shrink {@code u = x[rows] · Aᵀ} [n, r] and expand
 * {@code y[rows] += u · (s·Bᵀ)}. Vector API over the long dimension (in for shrink, out for expand).
 */
final class LoraKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private LoraKernels() {
    }

    /**
     * {@code u[j·r + k] = x[rows[j]] · A[k]} for j &lt; n. x is [T, in] row-major, A [r, in] as little-endian
     * F32 bytes. Rank-outer so each A row is streamed once per group.
     */
    static void shrink(float[] x, int in, int[] rows, int n, MemorySegment a, int r, float[] u) {
        int bound = S.loopBound(in);
        for (int k = 0; k < r; k++) {
            long aRow = 4L * k * in;
            for (int j = 0; j < n; j++) {
                int xRow = rows[j] * in;
                FloatVector acc = FloatVector.zero(S);
                int i = 0;
                for (; i < bound; i += L) {
                    FloatVector av = FloatVector.fromMemorySegment(S, a, aRow + 4L * i, ByteOrder.LITTLE_ENDIAN);
                    acc = FloatVector.fromArray(S, x, xRow + i).fma(av, acc);
                }
                float sum = acc.reduceLanes(VectorOperators.ADD);
                for (; i < in; i++) {
                    sum += x[xRow + i] * a.get(F32, aRow + 4L * i);
                }
                u[j * r + k] = sum;
            }
        }
    }

    /** {@code y[rows[j]] += Σ_k u[j·r + k] · bt[k]} for j &lt; n; y is [T, out], bt [r, out]. */
    static void expand(float[] u, int r, float[] bt, int out, int[] rows, int n, float[] y) {
        int bound = S.loopBound(out);
        for (int j = 0; j < n; j++) {
            int yRow = rows[j] * out;
            for (int k = 0; k < r; k++) {
                float uk = u[j * r + k];
                int bRow = k * out;
                FloatVector uv = FloatVector.broadcast(S, uk);
                int o = 0;
                for (; o < bound; o += L) {
                    FloatVector.fromArray(S, bt, bRow + o).fma(uv, FloatVector.fromArray(S, y, yRow + o))
                            .intoArray(y, yRow + o);
                }
                for (; o < out; o++) {
                    y[yRow + o] += uk * bt[bRow + o];
                }
            }
        }
    }

    /** {@code y[yOff + i] += s · x[xOff + i]} for i &lt; n. */
    static void axpy(float s, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector sv = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(sv, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += s * x[xOff + i];
        }
    }
}
