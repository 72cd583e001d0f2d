package dev.modelfactory.engine.format;

import java.util.List;

/**
 * Named weights of one model, whatever the file format, under canonical GGUF names.
 *
 * <p>Shapes are row-major, outermost first: a linear layer's weight is {@code [out_features, in_features]}
 * like torch {@code nn.Linear.weight}; a norm weight is {@code [dim]}. Implementations keep files
 * memory-mapped and dequantise on request; closing releases the mappings.
 */
public interface WeightSource extends AutoCloseable {

    /** All weight names, in file order. */
    List<String> names();

    default boolean contains(String name) {
        return names().contains(name);
    }

    /** Shape, outermost first ({@code [rows, cols]} for a matrix). */
    long[] shape(String name);

    /** The stored element type in the format's own spelling: "F32", "BF16", "Q4_K", ... */
    String dtype(String name);

    /** The whole weight as float32, row-major in {@link #shape} order. */
    float[] dequantize(String name);

    @Override
    void close();

    /** Number of elements of a shape, refusing anything a float[] cannot hold. */
    static int elementCount(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(name + ": " + n + " elements do not fit one float[]; read it by rows");
        }
        return (int) n;
    }
}
