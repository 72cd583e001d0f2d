package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingControl;
import dev.modelfactory.engine.train.loop.TrainingListener;
import dev.modelfactory.engine.train.loop.TrainingResult;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.llama.TrainableLlamaBuilder;
import java.util.concurrent.CancellationException;
import dev.modelfactory.ledger.task.CancellationToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a few real training steps of a prepared run (its model, its first batches, its shapes and threads)
 * to time them, storing nothing: no run record, no checkpoint, no evaluation, no samples; the model is
 * built for the measurement and dropped after it. The first step is not counted (JIT warm-up, first
 * allocations).
 */
final class WarmupMeasure {

    private WarmupMeasure() {
    }

    static WarmupEstimate measure(TrainingService.Prepared p, int steps, int threads, CancellationToken cancel)
            throws InterruptedException {
        if (steps < 1) {
            throw new TrainingInputException("steps: must be >= 1, got " + steps);
        }
        int total = p.plan().totalSteps();
        TrainingConfig c = p.config().toBuilder().maxSteps(steps + 1).warmupSteps(0).evalEvery(0).checkpointEvery(0)
                .sampleEvery(0).build();
        cancel.throwIfCancellationRequested();
        TrainableLlamaBuilder b = TrainableLlama.builder(p.files().config(), p.files().weights()).seed(c.seed())
                .threads(threads);
        try (TrainableLlama model = (c.lora() == null ? b.fullFineTuning() : b.lora(c.lora())).build()) {
            cancel.throwIfCancellationRequested();
            TrainingControl control = new TrainingControl();
            List<Long> stepEnds = new ArrayList<>();
            List<StepMetrics> timed = new ArrayList<>();
            long[] start = {System.nanoTime()};
            TrainingResult r = Trainer.builder().model(model).config(c).train(p.train().examples()).control(control)
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(StepMetrics m) {
                            long now = System.nanoTime();
                            if (m.step() == 1) {
                                start[0] = now;
                            } else {
                                stepEnds.add(now);
                                timed.add(m);
                            }
                            if (cancel.isCancellationRequested()) {
                                control.cancel();
                            }
                        }
                    }).build().run();
            if (r.outcome() == TrainingResult.Outcome.CANCELLED) {
                throw new CancellationException("measurement cancelled");
            }
            if (r.outcome() == TrainingResult.Outcome.FAILED) {
                throw new TrainingInputException("the warm-up steps failed: " + r.message());
            }
            // a step's tokens are its rate times its duration; the durations are the gaps between step ends
            double seconds = 0;
            double tokens = 0;
            long previous = start[0];
            for (int i = 0; i < timed.size(); i++) {
                double d = (stepEnds.get(i) - previous) / 1e9;
                seconds += d;
                tokens += timed.get(i).tokensPerSecond() * d;
                previous = stepEnds.get(i);
            }
            double perStep = seconds / timed.size();
            return new WarmupEstimate(timed.size(), perStep, tokens / seconds, total, perStep * total);
        }
    }

}
