package dev.modelfactory.engine.eval;

import java.util.List;
import java.util.Objects;

/**
 * Everything a job produced: the suite (name, version), the decoding, the systems in the order given and
 * every item outcome. Reopening a stored result rebuilds this record; comparisons are computed from it.
 */
public record EvalResult(String suite, int suiteVersion, String model, Decoding decoding, List<EvalSystem> systems,
        List<ItemOutcome> outcomes) {

    public EvalResult {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(decoding, "decoding");
        systems = List.copyOf(systems);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * {@code system}'s outcomes on {@code task}, in the order of {@code itemIds} (the task's item order),
     * so two systems' score arrays pair item by item.
     */
    public List<ItemOutcome> outcomes(String system, String task, List<String> itemIds) {
        java.util.Map<String, ItemOutcome> byId = new java.util.HashMap<>();
        for (ItemOutcome o : outcomes) {
            if (o.system().equals(system) && o.task().equals(task)) {
                byId.put(o.itemId(), o);
            }
        }
        return itemIds.stream().map(id -> {
            ItemOutcome o = byId.get(id);
            if (o == null) {
                throw new IllegalArgumentException("no outcome of " + system + " on item " + id + " of " + task);
            }
            return o;
        }).toList();
    }
}
