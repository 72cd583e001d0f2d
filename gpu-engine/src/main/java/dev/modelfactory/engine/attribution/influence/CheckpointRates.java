package dev.modelfactory.engine.attribution.influence;

import dev.modelfactory.engine.train.optim.LrSchedule;

/**
 * TracIn's weight of a checkpoint. TracInCP stands each checkpoint in for the steps since the one before, so
 * its weight is the mean learning rate the trainer applied over those steps, {@code [from, to)} (0-based
 * update indices: checkpoint at step 30 after one at 20 stands for updates 20..29). Taking the rate at the
 * checkpoint's step itself would zero the final checkpoint of a linear schedule.
 */
public final class CheckpointRates {

    private CheckpointRates() {
    }

    public static double mean(LrSchedule schedule, int from, int to) {
        if (to <= from) {
            return schedule.lr(Math.max(0, to - 1));
        }
        double s = 0;
        for (int k = from; k < to; k++) {
            s += schedule.lr(k);
        }
        return s / (to - from);
    }
}
