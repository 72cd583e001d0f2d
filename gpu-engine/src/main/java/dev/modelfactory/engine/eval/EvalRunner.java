package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.eval.metrics.Scorers;
import dev.modelfactory.engine.model.LlamaModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs a suite on the base model and any number of adapters in one job. The base is loaded once (one
 * {@link LlamaModel} per {@link #run}); every adapter is registered in the serving engine's adapter pool,
 * checked against the base, loaded once and pinned, and applied unmerged per batch (per row in batched
 * decoding, per sequence in teacher-forced scoring), never merged into the weights. Generation items of all
 * systems go through one continuous-batching {@link dev.modelfactory.engine.serve.ServeEngine}; loss and
 * multiple-choice items are prefilled with the system's adapter as the delta.
 *
 * <p>Rows of a batch are computed independently, so the results do not depend on the batch size or on which
 * systems share a job: one job gives the outputs of evaluating each system on its own (bit for bit on the
 * cpu backend once its kernels are JIT-compiled; before that its vector reductions may round differently,
 * which moves losses in the 8th digit and could flip a greedy choice between two near-equal tokens).
 */
public final class EvalRunner {

    private final EvalModel base;
    private final Backend backend;
    private final int maxBatch;

    private EvalRunner(Builder b) {
        this.base = b.base;
        this.backend = b.backend;
        this.maxBatch = b.maxBatch;
    }

    public static Builder builder(EvalModel base, Backend backend) {
        return new Builder(base, backend);
    }

    /** Builder: at most 16 sequences per batched decode step. */
    public static final class Builder {
        private final EvalModel base;
        private final Backend backend;
        private int maxBatch = 16;

        private Builder(EvalModel base, Backend backend) {
            this.base = Objects.requireNonNull(base, "base");
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        public Builder maxBatch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max batch must be >= 1, got " + n);
            }
            maxBatch = n;
            return this;
        }

        public EvalRunner build() {
            return new EvalRunner(this);
        }
    }

    /**
     * Evaluates every item of {@code suite} on every system. Checks the tasks (patterns, schemas, choices)
     * and every adapter against the base before any work; an adapter that does not fit fails naming its
     * system. Throws {@link CancellationException} once {@code cancelled} says so (checked between items
     * and while waiting for generations).
     */
    public EvalResult run(EvalSuite suite, List<EvalSystem> systems, Decoding decoding, EvalListener listener,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(decoding, "decoding");
        EvalListener l = listener == null ? EvalListener.NONE : listener;
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        for (EvalTask t : suite.tasks()) {
            Scorers.validate(t);
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (EvalItem i : t.items()) {
                if (!ids.add(i.id())) {
                    throw new IllegalArgumentException("task " + t.name() + ": two items with id " + i.id());
                }
            }
        }
        List<EvalTask> generation = new ArrayList<>();
        List<EvalTask> likelihood = new ArrayList<>();
        for (EvalTask t : suite.tasks()) {
            (t.kind() == TaskKind.GENERATION ? generation : likelihood).add(t);
        }
        JobProgress progress;
        try (SystemAdapters adapters = SystemAdapters.open(base.config(), systems)) {
            progress = new JobProgress(l, stop, adapters.systems(), suite.itemCount());
            progress.check();
            try (LlamaModel model = LlamaModel.load(base.config(), base.weights(), backend)) {
                PromptEncoder prompts = new PromptEncoder(base);
                if (!likelihood.isEmpty()) {
                    new LikelihoodPass(model, adapters, prompts).run(likelihood, progress);
                }
                if (!generation.isEmpty()) {
                    new GenerationPass(model, adapters, prompts, maxBatch).run(generation, decoding, progress);
                }
            }
        }
        return new EvalResult(suite.name(), suite.version(), base.name(), decoding, systems,
                ordered(suite, systems, progress.outcomes()));
    }

    /** Outcomes in suite order: task, item, then system as given. */
    private static List<ItemOutcome> ordered(EvalSuite suite, List<EvalSystem> systems, List<ItemOutcome> outcomes) {
        Map<String, Integer> rank = new HashMap<>();
        int r = 0;
        for (EvalTask t : suite.tasks()) {
            for (EvalItem i : t.items()) {
                rank.put(t.name() + "\u0000" + i.id(), r++);
            }
        }
        Map<String, Integer> system = new HashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            system.put(systems.get(i).label(), i);
        }
        List<ItemOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.<ItemOutcome>comparingInt(o -> rank.get(o.task() + "\u0000" + o.itemId()))
                .thenComparingInt(o -> system.get(o.system())));
        return sorted;
    }
}
