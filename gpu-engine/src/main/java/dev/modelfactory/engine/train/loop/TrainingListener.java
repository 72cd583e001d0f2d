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

    TrainingListener NONE = new TrainingListener() {
    };
}
