package dev.modelfactory.ledger.store.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step of a stored run.
 *
 * @param index      position in the pipeline (0-based)
 * @param name       the step's name, unique in its pipeline
 * @param kind       {@code import}, {@code check}, {@code freeze}, {@code train}, {@code eval}, {@code gate},
 *                   {@code approve}, {@code attest}, {@code anchor} or {@code export}
 * @param inputsHash sha256 of {@code inputsJson}, once the step started
 * @param inputsJson canonical JSON of what the step read: its resolved config, its inputs' hashes, external
 *                   files' hashes (empty before it started)
 * @param outputs    typed references to what it made (for SKIPPED: the reused ones)
 * @param log        what it reported while it ran, one line each
 * @param message    why it failed, was cancelled, waits or was skipped
 * @param reusedFrom the run whose outputs a SKIPPED step reuses
 * @param decision   an approve step's decision, once a person made it
 */
public record StepRecord(long runId, int index, String name, String kind, StepStatus status, String inputsHash,
        String inputsJson, List<OutputRef> outputs, String log, String message, Optional<Instant> startedAt,
        Optional<Instant> endedAt, Optional<Long> reusedFrom, Optional<Decision> decision) {

    public StepRecord {
        outputs = List.copyOf(outputs);
    }

    /** Time it ran, if it started and ended. */
    public Optional<Duration> duration() {
        return startedAt.flatMap(s -> endedAt.map(e -> Duration.between(s, e)));
    }

    /** The output called {@code name}. */
    public Optional<OutputRef> output(String outputName) {
        return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst();
    }
}
