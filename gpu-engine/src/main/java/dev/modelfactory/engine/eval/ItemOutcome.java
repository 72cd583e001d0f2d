package dev.modelfactory.engine.eval;

import java.util.Map;
import java.util.Objects;

/**
 * One system's result on one item: its output (the generated text; for MULTIPLE_CHOICE the chosen
 * choice's text; for LOSS empty), each metric's score, and for LOSS items the number of reference tokens
 * scored (0 otherwise), which weights the task's perplexity.
 */
public record ItemOutcome(String system, String task, String itemId, String output, Map<Metric, Double> scores,
        int tokens) {

    public ItemOutcome {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(output, "output");
        scores = Map.copyOf(scores);
    }

    public double score(Metric m) {
        Double s = scores.get(m);
        if (s == null) {
            throw new IllegalArgumentException("item " + itemId + " of " + task + " has no " + m.id() + " score");
        }
        return s;
    }
}
