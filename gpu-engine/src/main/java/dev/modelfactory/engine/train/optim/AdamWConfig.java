package dev.modelfactory.engine.train.optim;

/**
 * AdamW hyper-parameters other than the learning rate (which the schedule gives per step). Defaults are
 * Transformers' {@code TrainingArguments}: betas (0.9, 0.999), eps 1e-8, weight decay 0.
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay) {

    public static final AdamWConfig DEFAULT = new AdamWConfig(0.9, 0.999, 1e-8, 0.0);

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1: must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2: must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps: must be > 0, got " + eps);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay: must be >= 0, got " + weightDecay);
        }
    }
}
