package dev.modelfactory.engine.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.backend.Q8_0;
import dev.modelfactory.engine.backend.Tolerance;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both Q8_0 kernels reached directly, whatever {@link CpuQ8Matmul#GEMM_ROWS} picks: the per-row int8 kernel
 * and the panel GEMM each equal the plain fp32 product on the dequantised W. K = 288 puts a 32-wide tail
 * past the first KC block; row counts cover the per-row tile (16) and the 4-row sliver edges; outs leave a
 * partial last panel. Two threads so both split directions of the panel GEMM run.
 */
class CpuQ8PanelGemmTest {

    private static final CpuThreads POOL = new CpuThreads(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    @ParameterizedTest(name = "{0}x{1} · [{2},{1}]ᵀ")
    @CsvSource({"1, 32, 7", "4, 64, 16", "17, 288, 40", "64, 96, 65", "129, 288, 33", "300, 64, 40", "8, 2048, 1"})
    void perRowAndPanelGemmMatchFp32OnDequantisedWeights(int m, int k, int n) {
        MemorySegment blocks = blocks(n, k, 7L * m + n);
        CpuQ8Weight w = new CpuQ8Weight(blocks, n, k);
        float[] wf = new float[n * k];
        w.dequantize(wf);
        float[] x = random(m * k, m + k);
        float[] expected = new float[m * n];
        CpuMatmul.matmul(POOL, x, wf, true, expected, m, k, n);

        float[] perRow = new float[m * n];
        CpuQ8Matmul.perRow(POOL, x, w, perRow, m);
        Tolerance.f32Sum(k).check("per-row", expected, perRow);
        float[] panel = new float[m * n];
        CpuQ8PanelGemm.matmul(POOL, x, w, panel, m);
        Tolerance.f32Sum(k).check("panel gemm", expected, panel);
    }

    /** A dequantised panel piece is W transposed into NR-wide rows, zero past the last output row. */
    @Test
    void dequantisedPanelHasTheLinearWeightLayout() {
        int n = 3;
        int k = 64;
        CpuQ8Weight w = new CpuQ8Weight(blocks(n, k, 3), n, k);
        float[] wf = new float[n * k];
        w.dequantize(wf);
        float[] panel = new float[CpuMatmul.KC * CpuMatmul.NR];
        java.util.Arrays.fill(panel, Float.NaN);
        CpuQ8PanelGemm.dequantise(w, 0, n, 32, 32, panel);
        for (int t = 0; t < 32; t++) {
            for (int j = 0; j < CpuMatmul.NR; j++) {
                float want = j < n ? wf[j * k + 32 + t] : 0f;
                assertThat(panel[t * CpuMatmul.NR + j]).as("k %d, row %d", t, j).isEqualTo(want);
            }
        }
    }

    private static MemorySegment blocks(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] raw = new byte[n * (k / Q8_0.BLOCK) * Q8_0.BLOCK_BYTES];
        for (int at = 0; at < raw.length; at += Q8_0.BLOCK_BYTES) {
            short h = Float.floatToFloat16((float) (r.nextDouble() / 127));
            raw[at] = (byte) h;
            raw[at + 1] = (byte) (h >> 8);
            for (int j = 0; j < Q8_0.BLOCK; j++) {
                raw[at + 2 + j] = (byte) r.nextInt(256);
            }
        }
        return MemorySegment.ofArray(raw);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
