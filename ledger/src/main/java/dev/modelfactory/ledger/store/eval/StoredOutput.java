package dev.modelfactory.ledger.store.eval;

import java.util.Map;
import java.util.Objects;

/**
 * One system's output on one item of a task: the text, each metric's score by metric id (finite), and the
 * reference tokens scored (loss items; 0 otherwise).
 */
public record StoredOutput(String system, String task, String itemId, String output, Map<String, Double> scores,
        int tokens) {

    public StoredOutput {
        system = Fields.text("system", system, 200);
        task = Fields.text("task", task, 200);
        itemId = Fields.text("itemId", itemId, 500);
        Objects.requireNonNull(output, "output");
        scores = Map.copyOf(scores);
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("item " + itemId + " of " + task + ": score " + e.getKey()
                        + " must be finite, got " + e.getValue());
            }
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("item " + itemId + " of " + task + ": tokens must be >= 0");
        }
    }
}
