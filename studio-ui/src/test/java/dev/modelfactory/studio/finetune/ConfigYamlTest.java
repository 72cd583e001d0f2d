package dev.modelfactory.studio.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryPresetWithTheSameHash() throws Exception {
        for (Preset p : Preset.values()) {
            Path f = dir.resolve(p.name() + ".yaml");
            ConfigYaml.write(f, p.config());
            TrainingConfig back = ConfigYaml.read(f);
            assertThat(back.sha256()).isEqualTo(p.config().sha256());
            assertThat(Files.readString(f)).contains("learning_rate:").contains("lora:");
        }
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aWrongFieldIsNamedWithTheFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "learning_rate: 0.001\nseq_len: 1\n");
        assertThatThrownBy(() -> ConfigYaml.read(f)).hasMessageContaining("bad.yaml").hasMessageContaining("seq_len");
        Files.writeString(f, "- just\n- a list\n");
        assertThatThrownBy(() -> ConfigYaml.read(f)).hasMessageContaining("mapping");
    }
}
