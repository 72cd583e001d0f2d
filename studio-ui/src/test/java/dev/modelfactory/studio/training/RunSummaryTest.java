package dev.modelfactory.studio.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.NewRun;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void finalAndBestEvalLossMeanThroughputAndWallTimeComeFromThePoints() {
        String json = "{}";
        String hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"; // sha256("{}")
        RunRecord r = new RunRecord(4, new NewRun("run", "a".repeat(64), "skills", "b".repeat(64), json, hash, 1,
                "0.1", "cpu"), Instant.EPOCH, Optional.empty(), RunOutcome.INTERRUPTED, Optional.empty(),
                Optional.empty(), Optional.of("/ckpt"), OptionalLong.of(2));
        RunSummary s = RunSummary.of(r, List.of(MetricPoint.train(1, 0.1, 1000, 3, 1e-4, 1, 100, 1),
                MetricPoint.eval(1, 0.1, 1000, 2.0), MetricPoint.train(2, 0.2, 61_000, 2, 1e-4, 1, 300, 1),
                MetricPoint.eval(2, 0.2, 61_000, 2.5)));
        assertThat(s.finalEvalLoss()).hasValue(2.5);
        assertThat(s.bestEvalLoss()).hasValue(2.0);
        assertThat(s.tokensPerSecond()).hasValue(200.0);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(61));
        assertThat(RunSummary.duration(s.duration())).isEqualTo("1m 01s");
        assertThat(s.outcome()).isEqualTo("interrupted");
        assertThat(s.record().resumable()).isTrue();
    }
}
