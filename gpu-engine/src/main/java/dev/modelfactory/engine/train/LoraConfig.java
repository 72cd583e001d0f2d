package dev.modelfactory.engine.train;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where LoRA adapters go and how they are scaled: {@code W x + scaling * B (A x)} with A [rank, in] and
 * B [out, rank]; scaling is {@code alpha / rank}, or {@code alpha / sqrt(rank)} with rsLoRA. Dropout applies
 * to the adapter's input during training only.
 */
public record LoraConfig(Set<LoraTarget> targets, int rank, float alpha, float dropout, boolean rsLora) {

    public LoraConfig {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: at least one projection is needed");
        }
        targets = Set.copyOf(EnumSet.copyOf(targets));
        if (rank < 1) {
            throw new IllegalArgumentException("rank: must be >= 1, got " + rank);
        }
        if (!(alpha > 0) || !Float.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: must be > 0, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: must be in [0, 1), got " + dropout);
        }
    }

    public float scaling() {
        return rsLora ? (float) (alpha / Math.sqrt(rank)) : alpha / rank;
    }

    public boolean targets(LoraTarget t) {
        return targets.contains(t);
    }
}
