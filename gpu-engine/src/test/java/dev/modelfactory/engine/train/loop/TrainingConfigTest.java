package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    private static TrainingConfig lora() {
        return TrainingConfig.builder().learningRate(2e-4).lora(new LoraConfig(Set.of(LoraTarget.V, LoraTarget.Q),
                16, 32f, 0.05f, false)).build();
    }

    @Test
    void canonicalJsonIsSortedWithStableNumbers() throws Exception {
        String json = lora().canonicalJson();
        assertThat(json).isEqualTo("{\"batch_size\":8,\"beta1\":0.9,\"beta2\":0.999,\"checkpoint_every\":0,\"epochs\":3,"
                + "\"eps\":0.00000001,\"eval_every\":0,\"explode_grad_norm\":0,\"grad_accum\":1,\"keep_checkpoints\":2,"
                + "\"learning_rate\":0.0002,\"lora\":{\"alpha\":32,\"dropout\":0.05,\"rank\":16,\"rs_lora\":false,"
                + "\"targets\":[\"q_proj\",\"v_proj\"]},\"max_grad_norm\":1,\"max_steps\":0,\"packing\":true,"
                + "\"schedule\":\"linear\",\"seed\":42,\"seq_len\":512,\"truncation\":\"keep_start\",\"warmup_steps\":0,"
                + "\"weight_decay\":0}");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(lora().sha256()).isEqualTo(sha);
        assertThat(lora().toBuilder().seed(43).build().sha256()).isNotEqualTo(sha);
    }

    @Test
    void parsesItsCanonicalFormBack() {
        TrainingConfig c = lora().toBuilder().maxSteps(100).evalEvery(10).build();
        assertThat(TrainingConfigJson.parse(c.canonicalJson())).isEqualTo(c);
        TrainingConfig full = TrainingConfig.builder().build();
        assertThat(TrainingConfigJson.parse(full.canonicalJson())).isEqualTo(full);
        assertThat(TrainingConfigJson.parse("{\"learning_rate\": 1e-3}").learningRate()).isEqualTo(1e-3);
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> TrainingConfig.builder().gradAccum(0).build()).hasMessageStartingWith("grad_accum:");
        assertThatThrownBy(() -> TrainingConfig.builder().learningRate(Double.NaN).build())
                .hasMessageStartingWith("learning_rate:");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"lr\": 1}")).hasMessageStartingWith("lr: unknown field");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"epochs\": 1.5}")).hasMessageStartingWith("epochs:");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"schedule\": \"step\"}")).hasMessageStartingWith("schedule:");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"lora\": {\"targets\": [\"q\"], \"rank\": 0}}"))
                .hasMessageStartingWith("lora.rank:");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"lora\": {\"targets\": [\"qq\"]}}"))
                .hasMessageStartingWith("lora.targets:");
    }

    @Test
    void dataSelectionIsRecordedAndChangesTheHash() {
        TrainingConfig base = lora();
        TrainingConfig chosen = base.toBuilder().chatTemplate("llama3").trainSplits(java.util.List.of("validation",
                "train")).evalSplit("test").build();
        assertThat(chosen.trainSplits()).containsExactly("train", "validation");
        assertThat(chosen.canonicalJson()).contains("\"chat_template\":\"llama3\"")
                .contains("\"eval_split\":\"test\"").contains("\"train_splits\":[\"train\",\"validation\"]");
        assertThat(chosen.sha256()).isNotEqualTo(base.sha256());
        assertThat(TrainingConfigJson.parse(chosen.canonicalJson())).isEqualTo(chosen);
        assertThat(base.toBuilder().chatTemplate("chatml").build().sha256())
                .isNotEqualTo(base.toBuilder().chatTemplate("mistral").build().sha256());
        assertThatThrownBy(() -> base.toBuilder().evalSplit("train").build()).hasMessageStartingWith("eval_split:");
        assertThatThrownBy(() -> base.toBuilder().trainSplits(java.util.List.of()).build())
                .hasMessageStartingWith("train_splits:");
        assertThatThrownBy(() -> base.toBuilder().chatTemplate(" ").build()).hasMessageStartingWith("chat_template:");
        assertThatThrownBy(() -> TrainingConfigJson.parse("{\"train_splits\": \"train\"}"))
                .hasMessageStartingWith("train_splits:");
    }
}
