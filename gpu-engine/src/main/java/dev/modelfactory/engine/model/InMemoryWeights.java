package dev.modelfactory.engine.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Weights held in Java arrays: for tests, random initialisation and small converted models. */
public final class InMemoryWeights implements ModelWeights {

    private record Entry(float[] values, int[] shape) {
    }

    private final Map<String, Entry> tensors = new LinkedHashMap<>();

    /** Adds or replaces a tensor; the array is kept, not copied. */
    public InMemoryWeights put(String name, float[] values, int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
        tensors.put(name, new Entry(values, shape.clone()));
        return this;
    }

    public InMemoryWeights remove(String name) {
        tensors.remove(name);
        return this;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public int[] shape(String name) {
        return entry(name).shape().clone();
    }

    @Override
    public float[] floats(String name) {
        return entry(name).values().clone();
    }

    private Entry entry(String name) {
        Entry e = tensors.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'");
        }
        return e;
    }
}
