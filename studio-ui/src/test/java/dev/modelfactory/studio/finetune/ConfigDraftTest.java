package dev.modelfactory.studio.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDraftTest {

    private final TrainingConfig balanced = Preset.BALANCED.config();

    @Test
    void formValuesOfEveryPresetGiveBackTheSameConfig() {
        for (Preset p : Preset.values()) {
            TrainingConfig c = p.config();
            ConfigDraft.Validation v = ConfigDraft.validate(ConfigDraft.values(c), balanced);
            assertThat(v.errors()).as(p.name()).isEmpty();
            assertThat(v.config()).contains(c);
            assertThat(v.config().orElseThrow().sha256()).isEqualTo(c.sha256());
        }
    }

    @Test
    void everyWrongFieldGetsTheEnginesReasonNamingIt() {
        Map<String, String> v = ConfigDraft.values(balanced);
        v.put("seq_len", "1");
        v.put("learning_rate", "fast");
        v.put("lora.rank", "0");
        v.put("lora.targets", "q, wobble");
        ConfigDraft.Validation r = ConfigDraft.validate(v, balanced);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors().get("seq_len")).startsWith("seq_len:").contains(">= 2");
        assertThat(r.errors().get("learning_rate")).startsWith("learning_rate:").contains("not a number");
        assertThat(r.errors().get("lora.rank")).startsWith("lora.rank:").contains(">= 1");
        assertThat(r.errors().get("lora.targets")).contains("wobble");
        assertThat(r.errors()).hasSize(4);
    }

    @Test
    void refusesWarmUpThatOutlastsTheRun() {
        Map<String, String> v = ConfigDraft.values(balanced);
        v.put("max_steps", "10");
        v.put("warmup_steps", "10");
        ConfigDraft.Validation r = ConfigDraft.validate(v, balanced);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors().get("warmup_steps")).contains("not below max_steps 10");
    }

    @Test
    void fullFineTuningIgnoresTheLoraFields() {
        Map<String, String> v = ConfigDraft.values(balanced);
        v.put("method", "full");
        v.put("lora.rank", "not even a number");
        ConfigDraft.Validation r = ConfigDraft.validate(v, balanced);
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().orElseThrow().lora()).isNull();
    }

    @Test
    void targetsAcceptShortAndPeftNames() {
        Map<String, String> v = ConfigDraft.values(balanced);
        v.put("lora.targets", "q_proj, k down");
        assertThat(ConfigDraft.validate(v, balanced).config().orElseThrow().lora().targets())
                .containsExactlyInAnyOrder(LoraTarget.Q, LoraTarget.K, LoraTarget.DOWN);
    }

    @Test
    void pageLevelKeysStayOutOfTheFormAndSampleFieldsAlwaysShow() {
        TrainingConfig c = TrainingConfig.builder().chatTemplate("mistral").evalSplit("test").build();
        java.util.Map<String, String> v = ConfigDraft.values(c);
        assertThat(v).doesNotContainKeys("chat_template", "train_splits", "eval_split", "sample_max_tokens")
                .containsEntry("sample_every", "0").containsEntry("sample_count", "3");
        v.put("sample_every", "5");
        assertThat(ConfigDraft.parse(v).sampleEvery()).isEqualTo(5);
        v.put("sample_count", "0");
        assertThat(ConfigDraft.validate(v, TrainingConfig.builder().build()).errors()).containsKey("sample_count");
    }
}
