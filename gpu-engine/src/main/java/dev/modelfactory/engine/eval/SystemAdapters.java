package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.serve.AdapterPool;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The job's systems in the serving engine's adapter pool: each adapter registered under its system's label
 * (its config and safetensors header checked against the base, the error naming the system and folder),
 * then pinned, so it is loaded exactly once and stays resident for the whole job.
 */
final class SystemAdapters implements AutoCloseable {

    private final AdapterPool pool;
    private final List<EvalSystem> systems;

    private SystemAdapters(AdapterPool pool, List<EvalSystem> systems) {
        this.pool = pool;
        this.systems = systems;
    }

    static SystemAdapters open(LlamaConfig base, List<EvalSystem> systems) {
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("no systems to evaluate");
        }
        Set<String> labels = new HashSet<>();
        for (EvalSystem s : systems) {
            if (s.label().isBlank() || !labels.add(s.label())) {
                throw new IllegalArgumentException("system labels must be unique and not blank: '" + s.label() + "'");
            }
        }
        List<EvalSystem> adapted = systems.stream().filter(s -> s.adapter().isPresent()).toList();
        // Every adapter is pinned for the whole job, so the budget is no limit here: nothing is ever evicted.
        AdapterPool pool = new AdapterPool(base, Long.MAX_VALUE / 4);
        try {
            for (EvalSystem s : adapted) {
                load(pool, s);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new SystemAdapters(pool, List.copyOf(systems));
    }

    private static void load(AdapterPool pool, EvalSystem s) {
        try {
            pool.register(s.label(), s.adapter().orElseThrow());
            pool.pin(s.label());
        } catch (AdapterException e) {
            throw new AdapterException("system '" + s.label() + "' (adapter " + s.adapter().orElseThrow() + "): "
                    + e.getMessage(), e);
        }
    }

    AdapterPool pool() {
        return pool;
    }

    List<EvalSystem> systems() {
        return systems;
    }

    /** The pool id of a system's adapter, null for the base model alone. */
    static String adapterId(EvalSystem s) {
        return s.adapter().isPresent() ? s.label() : null;
    }

    @Override
    public void close() {
        for (EvalSystem s : systems) {
            if (s.adapter().isPresent() && pool.isRegistered(s.label())) {
                pool.unpin(s.label());
            }
        }
        pool.close();
    }
}
