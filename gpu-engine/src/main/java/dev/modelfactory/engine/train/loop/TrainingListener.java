package dev.modelfactory.engine.train.loop;

import java.nio.file.Path;

/** Progress of a run, called on the training thread; keep the work done here small. */
public interface TrainingListener {

    /** After every optimiser step (with its evaluation, if one ran). */
    default void onStep(StepMetrics metrics) {
    }

    /** After a checkpoint is safely on disk. */
    default void onCheckpoint(int step, Path folder) {
    }

    /** The run is paused after {@code step} steps, until resumed or cancelled. */
    default void onPaused(int step) {
    }

    /**
     * Every {@code sample_every} steps (and after the last) when the trainer has a sampler: the greedy answers
     * to its prompts with the weights of step {@code step}, token ids in prompt order.
     */
    default void onSamples(int step, java.util.List<int[]> answers) {
    }

    /**
     * True when this listener wants {@link #onExampleLosses}: the trainer then asks the model for per-token
     * losses (the same forward and backward pass; the step's loss and update are bit-identical) and sums them
     * per example. Asked once, when the run starts.
     */
    default boolean wantsExampleLosses() {
        return false;
    }

    /**
     * After every optimiser step, before {@link #onStep}, when {@link #wantsExampleLosses()}: the step's
     * per-example losses ({@code train}: indices into the training list) and, when this step evaluated, the
     * validation pass's ({@code eval}: indices into the validation list; null when it did not evaluate).
     */
    default void onExampleLosses(int step, ExampleLosses train, ExampleLosses eval) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
