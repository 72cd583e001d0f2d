package dev.modelfactory.studio.finetune;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.util.Set;

/**
 * Starting points for the form. Quick look: a few dozen steps to see whether the data teaches anything;
 * balanced: the command line's LoRA defaults (q,v rank 8, lr 2e-4) with a cosine schedule over 3 epochs;
 * best quality: every projection at rank 16, lower peak rate, more epochs, frequent evaluation.
 */
public enum Preset {
    QUICK_LOOK("Quick look", "About 30 steps: does the data teach anything?"),
    BALANCED("Balanced", "LoRA on q and v, rank 8, 3 epochs"),
    BEST_QUALITY("Best quality", "All projections, rank 16, 5 epochs, cosine");

    private final String label;
    private final String description;

    Preset(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public TrainingConfig config() {
        TrainingConfig.Builder b = TrainingConfig.builder().learningRate(2e-4).evalEvery(50).checkpointEvery(50)
                .lora(ConfigDraft.DEFAULT_LORA);
        return switch (this) {
            case QUICK_LOOK -> b.learningRate(5e-4).maxSteps(30).warmupSteps(3).evalEvery(10).checkpointEvery(10)
                    .batchSize(4).seqLen(256).schedule(ScheduleKind.CONSTANT).build();
            case BALANCED -> b.epochs(3).warmupSteps(10).schedule(ScheduleKind.COSINE).build();
            case BEST_QUALITY -> b.learningRate(1e-4).epochs(5).warmupSteps(20).evalEvery(25)
                    .schedule(ScheduleKind.COSINE).weightDecay(0.01).lora(new LoraConfig(Set.of(LoraTarget.values()),
                            16, 32f, 0.05f, false)).build();
        };
    }
}
