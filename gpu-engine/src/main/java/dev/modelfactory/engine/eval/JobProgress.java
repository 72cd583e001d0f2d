package dev.modelfactory.engine.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Outcomes collected so far, per-system progress to the listener, and the cancellation check. */
final class JobProgress {

    private final EvalListener listener;
    private final BooleanSupplier cancelled;
    private final int total;
    private final Map<String, Integer> done = new HashMap<>();
    private final List<ItemOutcome> outcomes = new ArrayList<>();

    JobProgress(EvalListener listener, BooleanSupplier cancelled, List<EvalSystem> systems, int total) {
        this.listener = listener;
        this.cancelled = cancelled;
        this.total = total;
        for (EvalSystem s : systems) {
            done.put(s.label(), 0);
            listener.onProgress(s.label(), 0, total);
        }
    }

    /** Throws {@link CancellationException} once the caller asked to stop. */
    void check() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("evaluation cancelled");
        }
    }

    void record(ItemOutcome o) {
        outcomes.add(o);
        int n = done.merge(o.system(), 1, Integer::sum);
        listener.onItem(o);
        listener.onProgress(o.system(), n, total);
    }

    List<ItemOutcome> outcomes() {
        return outcomes;
    }
}
