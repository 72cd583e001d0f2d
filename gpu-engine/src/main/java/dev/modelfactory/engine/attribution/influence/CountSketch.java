package dev.modelfactory.engine.attribution.influence;

/**
 * The seeded random projection of gradients: per module a count sketch (Charikar et al.; the sparse
 * Johnson-Lindenstrauss transform with one nonzero per column), i.e. coordinate i of the module's gradient is
 * added, with a random sign, into one random bucket of the module's block. It is a linear map R^size ->
 * R^dims whose inner products are unbiased estimates of the exact ones (variance at most
 * 2 |a|^2 |b|^2 / dims), built from (seed, module index, coordinate) by a hash, so the same layout always gives
 * the same projection and no [dims x size] matrix ever exists. Identity modules are copied.
 */
public final class CountSketch {

    private final SketchLayout layout;
    private final int[] offsets;
    /** Per module, per coordinate: bucket << 1 | (1 when the sign is negative); null for identity modules. */
    private final int[][] code;

    public CountSketch(SketchLayout layout) {
        this.layout = layout;
        this.offsets = layout.offsets();
        this.code = new int[layout.modules().size()][];
        for (int m = 0; m < code.length; m++) {
            SketchLayout.Module mod = layout.modules().get(m);
            if (mod.identity()) {
                continue;
            }
            int[] c = new int[mod.size()];
            long base = mix(layout.seed() ^ mix(0x5EEDL + m));
            for (int i = 0; i < c.length; i++) {
                long h = mix(base + i);
                int bucket = (int) Long.remainderUnsigned(h >>> 1, mod.dims());
                c[i] = bucket << 1 | (int) (h & 1);
            }
            code[m] = c;
        }
    }

    public SketchLayout layout() {
        return layout;
    }

    /**
     * Adds {@code scale * values[from .. from+n)}, which are coordinates {@code at .. at+n)} of module
     * {@code m}'s gradient, into {@code out} (a sketch row of {@link SketchLayout#totalDims()} floats).
     */
    public void add(int m, int at, float[] values, int from, int n, float scale, float[] out) {
        int base = offsets[m];
        int[] c = code[m];
        if (c == null) {
            for (int i = 0; i < n; i++) {
                out[base + at + i] += scale * values[from + i];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int k = c[at + i];
            float v = scale * values[from + i];
            out[base + (k >>> 1)] += (k & 1) == 0 ? v : -v;
        }
    }

    /** The sketch of a whole gradient given module by module ({@code moduleGradients.length} = modules). */
    public float[] sketch(float[][] moduleGradients) {
        float[] out = new float[layout.totalDims()];
        for (int m = 0; m < moduleGradients.length; m++) {
            add(m, 0, moduleGradients[m], 0, moduleGradients[m].length, 1f, out);
        }
        return out;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
