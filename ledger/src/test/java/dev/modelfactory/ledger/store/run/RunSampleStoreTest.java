package dev.modelfactory.ledger.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSampleStoreTest {

    private static final String CONFIG = "{\"sample_every\":2}";

    @TempDir
    Path dir;

    private static NewRun spec() {
        return new NewRun("r", "a".repeat(64), "ds", "b".repeat(64), CONFIG, RunStore.sha256(CONFIG), 1, "0.1", "cpu");
    }

    @Test
    void samplesSurviveReopeningAndARepeatedStepReplacesItsSamples() throws Exception {
        long id;
        try (Workspace ws = Workspace.open(dir)) {
            id = new RunStore(ws).start(spec()).id();
            RunSampleStore samples = new RunSampleStore(ws);
            samples.record(id, List.of(new RunSample(2, 0, "2+2?", "5", "4"), new RunSample(2, 1, "3+3?", "7", "6")));
            samples.record(id, List.of(new RunSample(4, 0, "2+2?", "4", "4")));
            samples.record(id, List.of(new RunSample(4, 0, "2+2?", "four", "4"))); // resumed: step 4 again
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(new RunSampleStore(ws).samples(id)).containsExactly(new RunSample(2, 0, "2+2?", "5", "4"),
                    new RunSample(2, 1, "3+3?", "7", "6"), new RunSample(4, 0, "2+2?", "four", "4"));
        }
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            long id = new RunStore(ws).start(spec()).id();
            RunSampleStore samples = new RunSampleStore(ws);
            assertThatThrownBy(() -> samples.record(id, List.of(new RunSample(1, 0, "p", "o", "r"),
                    new RunSample(2, 0, "p", "o", "r")))).hasMessageStartingWith("samples:");
            assertThatThrownBy(() -> samples.record(id + 1, List.of(new RunSample(1, 0, "p", "o", "r"))))
                    .hasMessageContaining("no run with id " + (id + 1));
            assertThatThrownBy(() -> new RunSample(0, 0, "p", "o", "r")).hasMessageStartingWith("step:");
            assertThat(samples.samples(id)).isEmpty();
        }
    }
}
