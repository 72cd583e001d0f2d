package dev.modelfactory.engine.adapter;

import java.util.Arrays;

/** One LoRA matrix: row-major values with their shape (A [r, in], B [out, r]). */
public record AdapterTensor(int[] shape, float[] values) {

    public AdapterTensor {
        shape = shape.clone();
        values = values.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (shape.length != 2 || n != values.length) {
            throw new IllegalArgumentException("a LoRA matrix needs a 2-d shape matching its " + values.length
                    + " values, got " + Arrays.toString(shape));
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    int rows() {
        return shape[0];
    }

    int cols() {
        return shape[1];
    }

    float at(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdapterTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "AdapterTensor" + Arrays.toString(shape);
    }
}
