package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small learnable data (next = 3·token + 1 mod V, with noise) and a config that exercises every feature. */
final class TrainerFixtures {

    static final int VOCAB = 12;

    private TrainerFixtures() {
    }

    static List<TrainingExample> examples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int len = 3 + r.nextInt(6);
            int[] t = new int[len];
            boolean[] resp = new boolean[len];
            t[0] = r.nextInt(VOCAB);
            for (int i = 1; i < len; i++) {
                t[i] = r.nextInt(10) == 0 ? r.nextInt(VOCAB) : (3 * t[i - 1] + 1) % VOCAB;
                resp[i] = i >= len / 2;
            }
            out.add(new TrainingExample(t, resp));
        }
        return out;
    }

    static TrainingConfig config() {
        return TrainingConfig.builder().learningRate(0.05).schedule(ScheduleKind.COSINE).warmupSteps(2).epochs(3)
                .batchSize(2).gradAccum(2).seqLen(16).packing(true).seed(1234).weightDecay(0.01).maxGradNorm(1.0)
                .evalEvery(4).checkpointEvery(3).keepCheckpoints(2).build();
    }
}
