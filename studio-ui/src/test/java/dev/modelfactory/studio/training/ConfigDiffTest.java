package dev.modelfactory.studio.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void showsOnlyTheFieldsThatDiffer() {
        TrainingConfig a = TrainingConfig.builder().learningRate(2e-4).build();
        TrainingConfig b = a.toBuilder().learningRate(1e-3).seqLen(256).build();
        Map<Long, String> in = new LinkedHashMap<>();
        in.put(1L, a.canonicalJson());
        in.put(2L, b.canonicalJson());
        Map<Long, String> d = ConfigDiff.differences(in);
        assertThat(d.get(1L)).isEqualTo("learning_rate=0.0002 seq_len=512");
        assertThat(d.get(2L)).isEqualTo("learning_rate=0.001 seq_len=256");
    }

    @Test
    void aSingleRunHasNothingToTellApart() {
        assertThat(ConfigDiff.differences(Map.of(3L, TrainingConfig.builder().build().canonicalJson())))
                .containsEntry(3L, "");
    }

    @Test
    void keysLeftOutAtTheirDefaultsCompareAsDefaults() {
        Map<Long, String> d = ConfigDiff.differences(new java.util.LinkedHashMap<>(Map.of(1L, "{\"seed\":1}", 2L,
                "{\"seed\":1,\"sample_every\":10,\"sample_count\":3,\"sample_max_tokens\":64,\"eval_split\":\"test\"}")));
        assertThat(d.get(1L)).isEqualTo("eval_split=validation sample_every=0");
        assertThat(d.get(2L)).isEqualTo("eval_split=test sample_every=10");
    }
}
