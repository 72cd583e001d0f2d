package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The count sketch: deterministic from its seed, linear, and inner-product preserving within a JL bound. */
class SketchProjectionTest {

    private static final int SIZE = 8192;
    private static final int DIMS = 512;

    private static float[] gaussian(SplittableRandom r, int n, float[] shared, double mix) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() + (shared == null ? 0 : mix * shared[i]));
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void innerProductsStayWithinTheJlBound() {
        SketchLayout layout = new SketchLayout(42, List.of(new SketchLayout.Module("m", SIZE, DIMS)));
        CountSketch s = new CountSketch(layout);
        SplittableRandom r = new SplittableRandom(1);
        // variance of the estimate is at most 2|a|^2|b|^2/d; allow 5 standard deviations for every pair
        double bound = 5 * Math.sqrt(2.0 / DIMS);
        int within = 0;
        for (int k = 0; k < 40; k++) {
            float[] shared = gaussian(r, SIZE, null, 0);
            float[] a = gaussian(r, SIZE, shared, k % 4);
            float[] b = gaussian(r, SIZE, shared, k % 4);
            double exact = dot(a, b);
            double approx = dot(s.sketch(new float[][] {a}), s.sketch(new float[][] {b}));
            double scale = Math.sqrt(dot(a, a) * dot(b, b));
            assertThat(Math.abs(approx - exact) / scale).as("pair %d", k).isLessThan(bound);
            within += Math.abs(approx - exact) / scale < Math.sqrt(2.0 / DIMS) * 2 ? 1 : 0;
        }
        assertThat(within).isGreaterThanOrEqualTo(34);
    }

    @Test
    void sameSeedSameSketchOtherSeedAnother() {
        SplittableRandom r = new SplittableRandom(2);
        float[] g = gaussian(r, SIZE, null, 0);
        List<SketchLayout.Module> mods = List.of(new SketchLayout.Module("m", SIZE, DIMS));
        float[] a = new CountSketch(new SketchLayout(7, mods)).sketch(new float[][] {g});
        float[] b = new CountSketch(new SketchLayout(7, mods)).sketch(new float[][] {g});
        float[] c = new CountSketch(new SketchLayout(8, mods)).sketch(new float[][] {g});
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void modulesKeepTheirOwnBlocks() {
        SketchLayout layout = new SketchLayout(3, List.of(new SketchLayout.Module("a", 100, 10),
                new SketchLayout.Module("b", 20, 20)));
        float[] ga = new float[100];
        float[] gb = new float[20];
        for (int i = 0; i < 20; i++) {
            gb[i] = i + 1;
        }
        float[] out = new CountSketch(layout).sketch(new float[][] {ga, gb});
        assertThat(out).hasSize(30);
        for (int i = 0; i < 10; i++) {
            assertThat(out[i]).isZero();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(out[10 + i]).isEqualTo(i + 1f);
        }
        assertThat(layout.offsets()).containsExactly(0, 10, 30);
    }
}
