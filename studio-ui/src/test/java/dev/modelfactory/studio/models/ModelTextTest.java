package dev.modelfactory.studio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelTextTest {

    @Test
    void parametersReadLikePeopleSayThem() {
        assertThat(ModelText.parameters(260_000)).isEqualTo("260 K");
        assertThat(ModelText.parameters(1_100_048_384L)).isEqualTo("1.1 B");
        assertThat(ModelText.parameters(7_248_023_552L)).isEqualTo("7.2 B");
        assertThat(ModelText.parameters(134_515_008L)).isEqualTo("135 M");
        assertThat(ModelText.parameters(70_553_706_496L)).isEqualTo("71 B");
        assertThat(ModelText.parameters(999)).isEqualTo("999");
        assertThat(ModelText.parameters(0)).isEqualTo(ModelText.UNKNOWN);
    }

    @Test
    void sizesUseBinaryUnitsLikeTheCommandLineAndContextIsGrouped() {
        assertThat(ModelText.size(1_185_376)).isEqualTo("1.1 MiB");
        assertThat(ModelText.size(7_702_565_536L)).isEqualTo("7.2 GiB");
        assertThat(ModelText.size(397_807_936)).isEqualTo("379.4 MiB");
        assertThat(ModelText.size(4_368_439_296L)).isEqualTo("4.1 GiB");
        assertThat(ModelText.size(1024)).isEqualTo("1.0 KiB");
        assertThat(ModelText.size(1023)).isEqualTo("1023 B");
        assertThat(ModelText.size(512)).isEqualTo("512 B");
        assertThat(ModelText.size(0)).isEqualTo("0 B");
        assertThat(ModelText.size(-1)).isEqualTo(ModelText.UNKNOWN);
        assertThat(ModelText.context(131_072)).isEqualTo("131,072");
        assertThat(ModelText.context(0)).isEqualTo(ModelText.UNKNOWN);
    }

    @Test
    void importedShowsAShortIdWithoutTheAlgorithm() {
        LocalModel model = new LocalModel("sha256:9f1c2e7d40b3a5c8e1f0", "m", Path.of("/m.gguf"),
                ModelSource.WORKSPACE, ModelFormat.GGUF, null, 0, null, 0, 0, null);
        assertThat(ModelText.importedLabel(model)).isEqualTo("Yes \u00b7 9f1c2e7d");
        assertThat(ModelText.importedLabel(FakeModelCatalog.withId(model, null))).isEqualTo("No");
    }
}
