package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.TrainingBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Greedy continuations of fixed prompts with a model's current weights (LoRA applied): what the trainer
 * reports every {@code sample_every} steps so the fine-tuner sees the answers change. There is no KV cache
 * on the training path, so each new token re-runs the forward over the whole sequence (one row, positions
 * 0..n-1, one segment) and takes the argmax of the last row's logits (lowest id on ties): O(n²) tokens per
 * answer, fine for the few short prompts sampled between steps. Stateless between calls; it reads the
 * weights and never touches gradients or random state, so sampling does not change what a run computes.
 */
public final class GreedySampler {

    /** Logits [T, V] of every position of a one-row batch, no dropout, no gradients. */
    @FunctionalInterface
    public interface Logits {
        float[] logits(TrainingBatch batch);
    }

    private final Logits model;
    private final int vocabSize;
    private final List<int[]> prompts;
    private final int maxNewTokens;
    private final int maxLength;
    private final IntPredicate stop;

    /**
     * @param maxNewTokens tokens generated at most per prompt
     * @param maxLength    prompt plus answer never exceed this (the model's context)
     * @param stop         ids that end an answer (not included in it)
     */
    public GreedySampler(Logits model, int vocabSize, List<int[]> prompts, int maxNewTokens, int maxLength,
            IntPredicate stop) {
        this.model = Objects.requireNonNull(model, "model");
        this.vocabSize = vocabSize;
        this.prompts = prompts.stream().map(int[]::clone).toList();
        this.maxNewTokens = maxNewTokens;
        this.maxLength = maxLength;
        this.stop = Objects.requireNonNull(stop, "stop");
        for (int i = 0; i < this.prompts.size(); i++) {
            if (this.prompts.get(i).length == 0 || this.prompts.get(i).length >= maxLength) {
                throw new IllegalArgumentException("prompts[" + i + "]: " + this.prompts.get(i).length
                        + " tokens; a prompt needs 1 to " + (maxLength - 1) + " tokens to leave room for an answer");
            }
        }
    }

    public int promptCount() {
        return prompts.size();
    }

    /** The answers' token ids, in prompt order. */
    public List<int[]> generate() {
        List<int[]> out = new ArrayList<>(prompts.size());
        for (int[] p : prompts) {
            out.add(answer(p));
        }
        return out;
    }

    private int[] answer(int[] prompt) {
        int[] seq = Arrays.copyOf(prompt, Math.min(maxLength, prompt.length + maxNewTokens));
        int n = prompt.length;
        while (n < seq.length) {
            int next = argmaxLast(seq, n);
            if (stop.test(next)) {
                break;
            }
            seq[n++] = next;
        }
        return Arrays.copyOfRange(seq, prompt.length, n);
    }

    private int argmaxLast(int[] seq, int n) {
        int[] tokens = Arrays.copyOf(seq, n);
        int[] targets = new int[n];
        Arrays.fill(targets, TrainingBatch.IGNORE);
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        float[] logits = model.logits(new TrainingBatch(1, n, tokens, targets, positions, new int[n]));
        int base = (n - 1) * vocabSize;
        int best = 0;
        for (int v = 1; v < vocabSize; v++) {
            if (logits[base + v] > logits[base + best]) {
                best = v;
            }
        }
        return best;
    }
}
