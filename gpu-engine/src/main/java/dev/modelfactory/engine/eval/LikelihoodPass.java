package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.ProjectionDelta;
import dev.modelfactory.engine.serve.AdapterLease;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.train.data.TrainingExample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Teacher-forced items, system by system on the one loaded base: the system's adapter is leased from the
 * pool and applied unmerged to every row of the prefill ({@link LlamaSession#appendAll(ProjectionDelta,
 * int...)} returns the logits at every position with the LoRA update in place).
 *
 * <p>LOSS: mean negative log-likelihood (natural log) of the reference tokens (the mask of the training
 * encoder: the assistant turn with its end-of-turn text), each predicted from all tokens before it.
 * MULTIPLE_CHOICE: each choice's continuation is the tokens of {@code prompt + choice} after the longest
 * prefix they share with the prompt's own tokens; its score is the sum of their log-probabilities
 * (unnormalised, like lm-evaluation-harness's {@code acc}); the highest wins, ties to the first choice.
 */
final class LikelihoodPass {

    private final LlamaModel model;
    private final SystemAdapters adapters;
    private final PromptEncoder prompts;

    LikelihoodPass(LlamaModel model, SystemAdapters adapters, PromptEncoder prompts) {
        this.model = model;
        this.adapters = adapters;
        this.prompts = prompts;
    }

    void run(List<EvalTask> tasks, JobProgress progress) {
        for (EvalSystem s : adapters.systems()) {
            String id = SystemAdapters.adapterId(s);
            try (AdapterLease lease = id == null ? null : adapters.pool().acquire(id)) {
                ProjectionDelta delta = lease == null ? null : LoraBatchDelta.uniform(model.backend(), lease.weights());
                for (EvalTask task : tasks) {
                    for (EvalItem item : task.items()) {
                        progress.check();
                        progress.record(switch (task.kind()) {
                            case LOSS -> loss(s, task, item, delta);
                            case MULTIPLE_CHOICE -> choice(s, task, item, delta);
                            case GENERATION -> throw new IllegalArgumentException("not a likelihood task: " + task.name());
                        });
                    }
                }
            }
        }
    }

    private ItemOutcome loss(EvalSystem s, EvalTask task, EvalItem item, ProjectionDelta delta) {
        TrainingExample e = prompts.lossExample(task, item);
        int[] tokens = e.tokens();
        boolean[] target = e.response();
        int n = tokens.length;
        float[] logits;
        try (LlamaSession session = model.newSession(n)) {
            logits = session.appendAll(delta, Arrays.copyOf(tokens, n - 1));
        }
        int v = model.config().vocabSize();
        double nll = 0;
        int count = 0;
        for (int i = 1; i < n; i++) {
            if (target[i]) {
                nll -= logProb(logits, (i - 1) * v, v, tokens[i]);
                count++;
            }
        }
        return new ItemOutcome(s.label(), task.name(), item.id(), "", Map.of(Metric.LOSS, nll / count), count);
    }

    private ItemOutcome choice(EvalSystem s, EvalTask task, EvalItem item, ProjectionDelta delta) {
        String prompt = prompts.promptText(item);
        int[] promptIds = prompts.encode(prompt);
        List<String> choices = item.choices();
        int[][] full = new int[choices.size()][];
        int[] start = new int[choices.size()];
        int shared = Integer.MAX_VALUE;
        int longest = 0;
        for (int c = 0; c < choices.size(); c++) {
            full[c] = prompts.encode(prompt + choices.get(c));
            start[c] = commonPrefix(promptIds, full[c]);
            if (start[c] == 0 || start[c] == full[c].length) {
                throw new IllegalArgumentException(PromptEncoder.where(task, item) + ", choice " + c + ": "
                        + (start[c] == 0 ? "no prompt token precedes it" : "it adds no tokens to the prompt"));
            }
            shared = Math.min(shared, start[c]);
            longest = Math.max(longest, full[c].length);
        }
        if (longest > model.config().maxSeqLen()) {
            throw new IllegalArgumentException(PromptEncoder.where(task, item) + ": prompt and choice need " + longest
                    + " tokens, more than the context of " + model.config().maxSeqLen());
        }
        int v = model.config().vocabSize();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        try (LlamaSession session = model.newSession(longest)) {
            float[] atShared = session.append(delta, Arrays.copyOf(full[0], shared));
            for (int c = 0; c < choices.size(); c++) {
                session.rewind(shared);
                int[] rest = Arrays.copyOfRange(full[c], shared, full[c].length);
                float[] after = rest.length > 1 ? session.appendAll(delta, Arrays.copyOf(rest, rest.length - 1))
                        : new float[0];
                double score = 0;
                for (int j = start[c]; j < full[c].length; j++) {
                    score += j == shared ? logProb(atShared, 0, v, full[c][j])
                            : logProb(after, (j - shared - 1) * v, v, full[c][j]);
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
        }
        return new ItemOutcome(s.label(), task.name(), item.id(), choices.get(best),
                Map.of(Metric.CHOICE_ACCURACY, best == item.answer() ? 1.0 : 0.0), 0);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = 0;
        while (n < a.length && n < b.length && a[n] == b[n]) {
            n++;
        }
        return n;
    }

    /** log softmax(row)[token] of the row of {@code v} logits at {@code offset}, in double. */
    static double logProb(float[] logits, int offset, int v, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < v; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < v; k++) {
            sum += Math.exp(logits[offset + k] - max);
        }
        return logits[offset + token] - max - Math.log(sum);
    }
}
