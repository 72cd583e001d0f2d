package dev.modelfactory.engine.attribution.influence;

import java.util.Locale;

/** How row gradients are turned into an influence score on a query; see {@link InfluenceScorer}. */
public enum InfluenceMethod {
    /** Pruthi et al. 2020 (TracInCP): sum over checkpoints of lr x (query gradient . row gradient). */
    TRACIN,
    /** Kwon et al. 2024: per-layer closed-form inverse-Hessian approximation, weighted over checkpoints by lr. */
    DATAINF;

    public static InfluenceMethod parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "tracin" -> TRACIN;
            case "datainf" -> DATAINF;
            default -> throw new IllegalArgumentException("method: '" + text + "' is not tracin or datainf");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
