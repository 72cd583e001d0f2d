package dev.modelfactory.engine.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.modelfactory.engine.train.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * AdamW against libtorch's update through DJL's PyTorch engine ({@code NDArrayEx.adamUpdate} with the
 * adamw flag: decoupled decay; DJL's own {@code Adam} optimiser calls it with adamw off, i.e. L2 Adam).
 */
class AdamWAgainstPyTorchTest {

    @Test
    void twentyStepsMatchLibtorch() {
        int n = 64;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double wd = 0.05;
        SplittableRandom r = new SplittableRandom(11);
        float[] init = new float[n];
        for (int i = 0; i < n; i++) {
            init[i] = (float) r.nextDouble(-1, 1);
        }
        Parameter p = new Parameter("w.weight", new int[] {8, 8}, init.clone());
        AdamW opt = new AdamW(new AdamWConfig(b1, b2, eps, wd));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(init.clone());
            NDArray mean = m.zeros(w.getShape());
            NDArray var = m.zeros(w.getShape());
            for (int t = 1; t <= 20; t++) {
                float lr = 0.01f * t;
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    g[i] = (float) r.nextDouble(-2, 2);
                }
                System.arraycopy(g, 0, p.grad(), 0, n);
                opt.step(List.of(p), lr);
                NDArray grad = m.create(g);
                // DJL's kernel applies its 2nd rate to m/(sqrt(v)+eps) and its 1st to the decay, so the bias
                // corrections ride on the 2nd as in DJL's own Adam (eps then acts as eps/sqrt(1-b2^t): negligible here)
                float correction = (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, mean, var), new NDList(w), lr, correction,
                        (float) wd, 1f, -1f, (float) b1, (float) b2, (float) eps, false, true);
                grad.close();
            }
            float[] torch = w.toFloatArray();
            for (int i = 0; i < n; i++) {
                assertThat(p.value()[i]).as("element " + i).isCloseTo(torch[i], within(2e-5f));
            }
        }
    }
}
