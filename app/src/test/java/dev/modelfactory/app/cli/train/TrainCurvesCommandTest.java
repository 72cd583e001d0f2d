package dev.modelfactory.app.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.training.TrainingTestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train curves RUN}: a finished run's per-contributor series read back, as JSON and as a table. */
class TrainCurvesCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFinishedRunsContributorCurvesAreReadBackAndBadInputIsNamed() throws Exception {
        Path ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        TrainCommandTest.Run train = TrainCommandTest.run(ws, "train", "--model", model.toString(), "--dataset",
                "skills", "--max-steps", "4", "--batch", "4", "--seq-len", "64", "--eval-every", "2", "--json");
        assertThat(train.code()).as(train.err()).isZero();
        long run = new ObjectMapper().readTree(train.out()).get("runId").asLong();

        TrainCommandTest.Run json = TrainCommandTest.run(ws, "train", "curves", Long.toString(run), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("by").asText()).isEqualTo("contributor");
        assertThat(j.get("series")).hasSize(1); // bob allows no training: only alice's rows are trained on
        JsonNode alice = j.get("series").get(0);
        assertThat(alice.get("key").asText()).isEqualTo("alice");
        assertThat(alice.get("trainRows").asLong()).isPositive();
        assertThat(alice.get("points")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode p = alice.get("points").get(i);
            assertThat(p.get("step").asInt()).isEqualTo(i + 1);
            assertThat(p.get("trainLoss").asDouble()).isPositive();
            assertThat(p.get("trainTokens").asLong()).isPositive();
            assertThat(p.get("evalLoss").isNumber()).isEqualTo(i % 2 == 1);
        }
        assertThat(alice.get("change").asDouble()).isEqualTo(alice.get("latestLoss").asDouble()
                - alice.get("firstLoss").asDouble());

        TrainCommandTest.Run table = TrainCommandTest.run(ws, "train", "curves", Long.toString(run));
        assertThat(table.out()).contains("contributor").contains("alice").contains("change");
        TrainCommandTest.Run tags = TrainCommandTest.run(ws, "train", "curves", Long.toString(run), "--by", "tag");
        assertThat(tags.code()).isZero();
        assertThat(tags.out()).contains("--track-tag");

        TrainCommandTest.Run missing = TrainCommandTest.run(ws, "train", "curves", "999");
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("999");
        TrainCommandTest.Run badTag = TrainCommandTest.run(ws, "train", "--model", model.toString(), "--dataset",
                "skills", "--track-tag", "nosuch", "--plan");
        assertThat(badTag.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badTag.err()).contains("--track-tag").contains("nosuch");
    }
}
