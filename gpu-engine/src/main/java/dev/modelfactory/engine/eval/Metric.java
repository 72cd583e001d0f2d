package dev.modelfactory.engine.eval;

import java.util.Arrays;

/**
 * What an item is scored by. Every metric scores one item in [0, 1] (higher is better) except
 * {@link #LOSS}, the mean negative log-likelihood per reference token (lower is better; a task's
 * perplexity is exp of the token-weighted mean).
 */
public enum Metric {
    EXACT_MATCH("exact_match", TaskKind.GENERATION),
    NORMALIZED_EXACT_MATCH("normalized_exact_match", TaskKind.GENERATION),
    CONTAINS("contains", TaskKind.GENERATION),
    TOKEN_F1("token_f1", TaskKind.GENERATION),
    ROUGE_L("rouge_l", TaskKind.GENERATION),
    BLEU("bleu", TaskKind.GENERATION),
    REGEX_MATCH("regex_match", TaskKind.GENERATION),
    VALID_JSON("valid_json", TaskKind.GENERATION),
    JSON_SCHEMA("json_schema", TaskKind.GENERATION),
    CHOICE_ACCURACY("choice_accuracy", TaskKind.MULTIPLE_CHOICE),
    LOSS("loss", TaskKind.LOSS);

    private final String id;
    private final TaskKind kind;

    Metric(String id, TaskKind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The wire name (JSON, CLI, stored results). */
    public String id() {
        return id;
    }

    /** The task kind this metric scores. */
    public TaskKind kind() {
        return kind;
    }

    public boolean higherIsBetter() {
        return this != LOSS;
    }

    /** The metric named {@code id}; the error lists the known names. */
    public static Metric of(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "' (known: "
                + Arrays.stream(values()).map(Metric::id).toList() + ")");
    }
}
