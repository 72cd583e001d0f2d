package dev.modelfactory.engine.tensor;

import java.util.Arrays;

/**
 * A tensor in Java heap memory: a {@code float[]} in row-major order. The reference and cpu backends
 * both use it, so tensors can be passed between them without copies.
 */
public final class HostTensor implements Tensor {

    private final float[] data;
    private final int[] shape;

    /** Wraps {@code data} (not copied) with the given shape; sizes must agree. */
    public HostTensor(float[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but the array has " + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** A zero-filled tensor of the given shape. */
    public static HostTensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor too large for one Java array: " + Arrays.toString(shape));
        }
        return new HostTensor(new float[(int) n], shape);
    }

    /** The backing array itself (not a copy): for host backends only. */
    public float[] data() {
        return data;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
