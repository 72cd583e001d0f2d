package dev.modelfactory.engine.tensor;

import java.util.Arrays;

/**
 * An fp32 row-major tensor owned by a backend. Ops treat every tensor as a matrix of {@link #rows()} x
 * {@link #cols()}: the last dimension is the row length, all leading dimensions are flattened into rows.
 *
 * <p>The values are not reachable from here on purpose: a tensor may be device memory. Use
 * {@code Backend.upload/download} to move values. {@link #close()} frees the storage (a no-op for host
 * tensors, which the garbage collector reclaims).
 */
public interface Tensor extends AutoCloseable {

    /** The shape, outermost first; a fresh copy. */
    int[] shape();

    /** Number of elements. */
    default long size() {
        long n = 1;
        for (int d : shape()) {
            n *= d;
        }
        return n;
    }

    /** Length of the last dimension (1 for a scalar). */
    default int cols() {
        int[] s = shape();
        return s.length == 0 ? 1 : s[s.length - 1];
    }

    /** Product of all dimensions but the last. */
    default int rows() {
        int[] s = shape();
        int r = 1;
        for (int i = 0; i < s.length - 1; i++) {
            r *= s[i];
        }
        return r;
    }

    /** Frees the storage; the tensor must not be used afterwards. */
    @Override
    default void close() {
    }

    /** Human-readable shape, e.g. {@code [11, 64]}. */
    static String describe(int[] shape) {
        return Arrays.toString(shape);
    }
}
