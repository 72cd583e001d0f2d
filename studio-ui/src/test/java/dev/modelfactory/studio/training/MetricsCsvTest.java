package dev.modelfactory.studio.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryStoredPointWithEmptyCellsForAbsentMetrics() throws Exception {
        MetricPoint train = MetricPoint.train(1, 0.25, 1500, 2.5, 1e-4, 0.75, 1200.0, 64L << 20);
        MetricPoint both = new MetricPoint(2, 0.5, 3000, OptionalDouble.of(2.0), OptionalDouble.of(2.25),
                OptionalDouble.of(2e-4), OptionalDouble.of(0.5), OptionalDouble.of(1300.0), OptionalLong.of(1024));
        Map<Long, Map.Entry<String, List<MetricPoint>>> runs = new LinkedHashMap<>();
        runs.put(7L, Map.entry("tiny, on skills", List.of(train, both)));
        Path f = dir.resolve("m.csv");
        MetricsCsv.write(f, runs);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).containsExactly(MetricsCsv.HEADER,
                "7,\"tiny, on skills\",1,0.25,1500,2.5,,1.0E-4,0.75,1200.0,67108864",
                "7,\"tiny, on skills\",2,0.5,3000,2.0,2.25,2.0E-4,0.5,1300.0,1024");
    }
}
