package dev.modelfactory.engine.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * One trainable tensor: its name (for LoRA weights, the PEFT key such as
 * {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}), its row-major shape, its values
 * and a gradient buffer of the same size that backward passes accumulate into.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;

    public Parameter(String name, int[] shape, float[] value) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has a dimension <= 0");
            }
            size *= d;
        }
        if (size != value.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + value.length);
        }
        this.value = value;
        this.grad = new float[value.length];
    }

    /** A zero-initialised parameter of the given shape. */
    public static Parameter zeros(String name, int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        return new Parameter(name, shape, new float[Math.toIntExact(size)]);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return value.length;
    }

    /** The live values (mutated in place by the optimiser). */
    public float[] value() {
        return value;
    }

    /** The live gradient buffer (accumulated by backward, cleared by {@link #zeroGrad()}). */
    public float[] grad() {
        return grad;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
