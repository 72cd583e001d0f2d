package dev.modelfactory.ledger.store.run;

import java.util.Objects;

/**
 * One sample generation of a run: at {@code step}, the greedy answer {@code output} to the
 * {@code index}-th fixed prompt of the evaluation split, beside the dataset's {@code reference} answer.
 */
public record RunSample(long step, int index, String prompt, String output, String reference) {

    public RunSample {
        if (step < 1) {
            throw new IllegalArgumentException("step: must be >= 1, got " + step);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + index);
        }
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(reference, "reference");
    }
}
