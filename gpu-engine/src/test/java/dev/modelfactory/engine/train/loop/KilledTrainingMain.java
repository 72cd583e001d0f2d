package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.nio.file.Path;

/**
 * The child JVM of {@link TrainerDeterminismTest}'s kill -9 test: trains {@link LlamaRuns}' run into the
 * checkpoint folder given as the only argument, pausing a little after each step so the parent has time to
 * kill it mid-run, and never reaching the last step on its own (it waits there to be killed), so the kill
 * always leaves work for the resumed run.
 */
public final class KilledTrainingMain {

    private KilledTrainingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoints = Path.of(args[0]);
        try (TrainableLlama model = LlamaRuns.model(LlamaRuns.THREADS)) {
            LlamaRuns.trainer(model, checkpoints).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    System.out.println("step " + m.step() + " loss " + m.loss());
                    try {
                        Thread.sleep(m.step() >= Integer.parseInt(args[1]) ? Long.MAX_VALUE : 30);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onCheckpoint(int step, Path folder) {
                    System.out.println("checkpoint " + step + " at " + folder);
                }
            }).build().run();
        }
        System.exit(3); // not reached: the parent kills this JVM
    }
}
