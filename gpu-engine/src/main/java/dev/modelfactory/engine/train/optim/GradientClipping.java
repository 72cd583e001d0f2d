package dev.modelfactory.engine.train.optim;

import dev.modelfactory.engine.train.Parameter;
import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all gradients together; when it exceeds
 * {@code maxNorm} every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** The global L2 norm of the gradients (accumulated in double). */
    public static double globalNorm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            for (float g : p.grad()) {
                sum += (double) g * g;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips in place and returns the norm before clipping (NaN or infinite when a gradient is; the
     * gradients are then left alone for the caller to reject). {@code maxNorm <= 0} only measures.
     */
    public static double clip(List<Parameter> params, double maxNorm) {
        double norm = globalNorm(params);
        if (maxNorm > 0 && Double.isFinite(norm)) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (Parameter p : params) {
                    float[] g = p.grad();
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) (g[i] * coef);
                    }
                }
            }
        }
        return norm;
    }
}
