package dev.modelfactory.engine.backend;

import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.Arrays;

/** Argument checks shared by the host backends (reference, cpu). */
public final class HostTensors {

    /** fp32 as weight files store it: little-endian, any alignment. */
    public static final java.lang.foreign.ValueLayout.OfFloat F32_LE =
            java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private HostTensors() {
    }

    /** The backing array of a host tensor; rejects device tensors with a clear message. */
    public static float[] data(Tensor t) {
        if (t instanceof HostTensor h) {
            return h.data();
        }
        throw new IllegalArgumentException("a host backend got a " + t.getClass().getSimpleName()
                + "; copy it to the host first");
    }

    public static void sameSize(Tensor a, Tensor out, String op) {
        if (a.size() != out.size()) {
            throw new IllegalArgumentException(op + ": size mismatch " + Arrays.toString(a.shape()) + " vs out "
                    + Arrays.toString(out.shape()));
        }
    }

    /** b is a's size, or one row of a's width (broadcast over rows). */
    public static void broadcastable(Tensor a, Tensor b, Tensor out, String op) {
        sameSize(a, out, op);
        if (b.size() != a.size() && b.size() != a.cols()) {
            throw new IllegalArgumentException(op + ": cannot combine " + Arrays.toString(a.shape()) + " with "
                    + Arrays.toString(b.shape()));
        }
    }

    /** Returns {M, K, N} after checking a [M,K], b [K,N] or [N,K], out [M,N]. */
    public static int[] matmulDims(Tensor a, Tensor b, boolean transposeB, Tensor out) {
        int m = a.rows();
        int k = a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (kb != k || out.rows() != m || out.cols() != n) {
            throw new IllegalArgumentException("matmul: a " + Arrays.toString(a.shape()) + (transposeB ? " · bᵀ " : " · b ")
                    + Arrays.toString(b.shape()) + " -> out " + Arrays.toString(out.shape()) + " does not fit");
        }
        return new int[] {m, k, n};
    }

    /** Checks the attention shapes of {@link Backend#attention}. */
    public static void attentionDims(Tensor q, Tensor k, Tensor v, int startPos, int heads, int kvHeads, int headDim,
            Tensor out) {
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention: heads " + heads + " must be a multiple of kv heads " + kvHeads);
        }
        if (q.cols() != heads * headDim || out.cols() != q.cols() || out.rows() != q.rows()) {
            throw new IllegalArgumentException("attention: q " + Arrays.toString(q.shape()) + " / out "
                    + Arrays.toString(out.shape()) + " do not match " + heads + " heads x " + headDim);
        }
        if (k.cols() != kvHeads * headDim || v.cols() != k.cols() || v.rows() != k.rows()) {
            throw new IllegalArgumentException("attention: k " + Arrays.toString(k.shape()) + " / v "
                    + Arrays.toString(v.shape()) + " do not match " + kvHeads + " kv heads x " + headDim);
        }
        if (startPos < 0 || startPos + q.rows() > k.rows()) {
            throw new IllegalArgumentException("attention: positions " + startPos + ".." + (startPos + q.rows())
                    + " exceed the cache of " + k.rows());
        }
    }

    public static void ropeDims(Tensor x, int heads, int headDim) {
        if (x.cols() != heads * headDim || headDim % 2 != 0) {
            throw new IllegalArgumentException("rope: x " + Arrays.toString(x.shape()) + " is not " + heads
                    + " heads x even head dim " + headDim);
        }
    }

    public static void embeddingDims(Tensor table, int[] ids, Tensor out) {
        if (out.rows() != ids.length || out.cols() != table.cols()) {
            throw new IllegalArgumentException("embedding: out of " + Arrays.toString(out.shape()) + " for "
                    + ids.length + " ids of width " + table.cols());
        }
        for (int id : ids) {
            if (id < 0 || id >= table.rows()) {
                throw new IllegalArgumentException("token id " + id + " outside vocabulary of " + table.rows());
            }
        }
    }

    public static void copyRowsDims(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        if (src.cols() != dst.cols() || rows < 0 || srcRow < 0 || dstRow < 0 || srcRow + rows > src.rows()
                || dstRow + rows > dst.rows()) {
            throw new IllegalArgumentException("copyRows: " + rows + " rows from row " + srcRow + " of "
                    + Arrays.toString(src.shape()) + " to row " + dstRow + " of " + Arrays.toString(dst.shape()));
        }
    }
}
