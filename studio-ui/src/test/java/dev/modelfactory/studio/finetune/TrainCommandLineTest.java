package dev.modelfactory.studio.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import dev.modelfactory.studio.training.RunRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainCommandLineTest {

    private static RunRequest request(TrainingConfig c) {
        return new RunRequest("9f1c2e7d", "skills", Optional.of("abc123"), c, Optional.of("my run"));
    }

    @Test
    void flagsAloneWhenTheyCoverTheConfig() {
        TrainingConfig c = TrainingConfig.builder().learningRate(2e-4).evalEvery(50).checkpointEvery(50).maxSteps(30)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 16, 32f, 0f, false)).build();
        String line = TrainCommandLine.of(request(c), "training.yaml");
        assertThat(TrainCommandLine.flagsSuffice(c)).isTrue();
        assertThat(line).startsWith("./modelfactory train --model 9f1c2e7d --dataset skills@abc123 --rank 16 --alpha 32"
                + " --targets q,v,down --lr 2.0E-4 --epochs 3 --max-steps 30 --batch 8 --grad-accum 1 --seq-len 512"
                + " --seed 42 --eval-every 50 --checkpoint-every 50 --name 'my run'");
        assertThat(line).doesNotContain("--config");
    }

    @Test
    void trackedTagsBecomeRepeatedFlagsQuotedWhereTheShellNeedsIt() {
        TrainingConfig c = TrainingConfig.builder().build();
        RunRequest r = new RunRequest("9f1c2e7d", "skills", Optional.empty(), c, Optional.empty(),
                List.of("math", "safety first"));
        assertThat(TrainCommandLine.of(r, "run.yaml")).endsWith("--track-tag math --track-tag 'safety first'");
    }

    @Test
    void addsTheYamlFileWhenTheConfigGoesBeyondTheFlags() {
        TrainingConfig c = Preset.BALANCED.config(); // cosine schedule and warm-up: no flags for those
        assertThat(c.schedule()).isEqualTo(ScheduleKind.COSINE);
        assertThat(TrainCommandLine.flagsSuffice(c)).isFalse();
        assertThat(TrainCommandLine.of(request(c), "run.yaml")).contains("--config run.yaml");
    }

    @Test
    void fullFineTuningSaysFullAndNoLoraFlags() {
        TrainingConfig c = TrainingConfig.builder().learningRate(1e-3).evalEvery(50).checkpointEvery(50).build();
        String line = TrainCommandLine.of(request(c), "x.yaml");
        assertThat(line).contains("--full").doesNotContain("--rank");
    }

    @Test
    void templateSplitsAndSamplesAreFlagsAndCustomJinjaNeedsTheFile() {
        TrainingConfig c = TrainingConfig.builder().learningRate(2e-4).evalEvery(50).checkpointEvery(50)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false)).chatTemplate("llama3")
                .trainSplits(java.util.List.of("train", "validation")).evalSplit("test").sampleEvery(20).sampleCount(2)
                .build();
        String line = TrainCommandLine.of(request(c), "t.yaml");
        assertThat(line).contains("--chat-template llama3 --train-split train,validation --eval-split test"
                + " --sample-every 20 --sample-count 2").doesNotContain("--config");
        TrainingConfig jinja = c.toBuilder().chatTemplate("{{ messages }}").build();
        assertThat(TrainCommandLine.of(request(jinja), "t.yaml")).contains("--config t.yaml")
                .doesNotContain("--chat-template");
    }
}
