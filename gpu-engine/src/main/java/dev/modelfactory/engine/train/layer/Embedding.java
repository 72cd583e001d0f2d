package dev.modelfactory.engine.train.layer;

/**
 * Token embedding: {@code x[t, :] = E[ids[t], :]}. Shapes: E, dE [V, C]; x, dx [M, C]; ids [M]. Backward
 * scatters the rows back ({@code dE[ids[t]] += dx[t]}), single-threaded because ids repeat.
 */
public final class Embedding {

    private Embedding() {
    }

    public static void forward(float[] table, int vocab, int[] ids, float[] x, int c) {
        for (int t = 0; t < ids.length; t++) {
            int id = ids[t];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token " + id + " at index " + t + " is outside the vocabulary of "
                        + vocab);
            }
            System.arraycopy(table, id * c, x, t * c, c);
        }
    }

    public static void backward(float[] dx, int[] ids, float[] dTable, int c) {
        for (int t = 0; t < ids.length; t++) {
            Vec.axpy(1f, dx, t * c, dTable, ids[t] * c, c);
        }
    }
}
