package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planted-contributor benchmark on a small, seed-fixed instance: one contributor alone teaches ten facts,
 * four others supply rows of the same format; for the default method (DataInf, the one the app uses), the planted
 * contributor must hold the largest share for at least 90 % of the fact queries, and clearly more often than
 * random scores do.
 */
class PlantedContributorTest {

    @Test
    void plantedContributorTopsTheFactQueries(@TempDir Path dir) throws Exception {
        List<PlantedRun.Row> rows = PlantedRun.planted(10, 3, 4, 20, 7);
        try (PlantedRun.Trained t = PlantedRun.train(rows, dir, 12, 3, 512, 2, 7)) {
            double tracin = AttributionMeasures.plantedTopRate(t, InfluenceMethod.TRACIN, 0);
            double datainf = AttributionMeasures.plantedTopRate(t, InfluenceMethod.DATAINF, 0);
            double random = AttributionMeasures.plantedTopRate(t, null, 1);
            System.out.printf("planted top rate: tracin %.2f, datainf %.2f, random %.2f (loss %.3f)%n", tracin, datainf,
                    random, t.finalLoss());
            assertThat(datainf).isGreaterThanOrEqualTo(0.9);
            assertThat(random).isLessThan(0.9);
        }
    }
}
