package dev.modelfactory.engine.backend;

import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu backend's work splitting at thread counts the machine may not have (1, 3, 5): uneven splits of
 * rows, columns and attention tasks must give the reference's answer.
 */
class CpuThreadingTest {

    private static final RefBackend REF = new RefBackend();

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3, 5})
    void unevenSplitsMatchTheReference(int threads) {
        try (CpuBackend cpu = new CpuBackend(threads)) {
            // 1100 and 800 rows: at 3 threads the cpu backend packs B whole, together, then splits M
            int[][] shapes = {{3, 70, 333}, {37, 129, 50}, {2, 300, 1001}, {67, 64, 8}, {530, 40, 70}, {1100, 33, 21},
                {800, 37, 45}};
            for (int[] s : shapes) {
                for (boolean transB : new boolean[] {false, true}) {
                    int m = s[0];
                    int k = s[1];
                    int n = s[2];
                    float[] a = BackendContractTest.random(m * k, 21);
                    float[] b = BackendContractTest.random(k * n, 22);
                    Tensor ref = REF.allocate(m, n);
                    REF.matmul(REF.upload(a, m, k), transB ? REF.upload(b, n, k) : REF.upload(b, k, n), transB, ref);
                    Tensor out = cpu.allocate(m, n);
                    cpu.matmul(cpu.upload(a, m, k), transB ? cpu.upload(b, n, k) : cpu.upload(b, k, n), transB, out);
                    Tolerance.f32Sum(k).check("matmul " + m + "x" + k + "x" + n + " t=" + transB, REF.download(ref),
                            cpu.download(out));
                    if (transB) {
                        Tensor linear = cpu.allocate(m, n);
                        cpu.matmul(cpu.upload(a, m, k), cpu.uploadLinear(b, n, k), true, linear);
                        Tolerance.f32Sum(k).check("linear " + m + "x" + k + "x" + n, REF.download(ref),
                                cpu.download(linear));
                    }
                }
            }
            int rows = 300;
            int cols = 257;
            float[] x = BackendContractTest.random(rows * cols, 23);
            float[] w = BackendContractTest.random(cols, 24);
            Tensor ref = REF.allocate(rows, cols);
            REF.rmsNorm(REF.upload(x, rows, cols), REF.upload(w, cols), 1e-6f, ref);
            Tensor out = cpu.allocate(rows, cols);
            cpu.rmsNorm(cpu.upload(x, rows, cols), cpu.upload(w, cols), 1e-6f, out);
            Tolerance.f32Sum(cols).check("rmsNorm", REF.download(ref), cpu.download(out));

            // 400 cached positions: enough work that the cpu backend splits the 42 (row, head) tasks
            float[] q = BackendContractTest.random(7 * 6 * 16, 25);
            float[] kv = BackendContractTest.random(407 * 2 * 16, 26);
            Tensor refAtt = REF.allocate(7, 96);
            REF.attention(REF.upload(q, 7, 96), REF.upload(kv, 407, 32), REF.upload(kv, 407, 32), 400, 6, 2, 16, refAtt);
            Tensor att = cpu.allocate(7, 96);
            cpu.attention(cpu.upload(q, 7, 96), cpu.upload(kv, 407, 32), cpu.upload(kv, 407, 32), 400, 6, 2, 16, att);
            Tolerance.f32Sum(16 + 407).check("attention", REF.download(refAtt), cpu.download(att));
        }
    }

    /** A job issued before the workers have started must still run (this once hung). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void freshPoolsRunTheirFirstJobAndManyJobsInARow() {
        float[] x = BackendContractTest.random(3 * 100_000, 31);
        for (int i = 0; i < 200; i++) {
            try (CpuBackend cpu = new CpuBackend(3)) {
                Tensor t = cpu.upload(x, 3, 100_000);
                for (int j = 0; j < 5; j++) {
                    cpu.scale(t, 1f, t);
                }
            }
        }
        try (CpuBackend cpu = new CpuBackend(2)) {
            Tensor a = cpu.upload(BackendContractTest.random(2 * 64, 32), 2, 64);
            Tensor w = cpu.uploadLinear(BackendContractTest.random(64 * 512, 33), 512, 64);
            Tensor out = cpu.allocate(2, 512);
            for (int j = 0; j < 20_000; j++) {
                cpu.matmul(a, w, true, out);
            }
        }
    }
}
