package dev.modelfactory.ledger.store.run;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A stored run: its {@link NewRun} identity plus how far it got and how it ended. */
public record RunRecord(long id, NewRun spec, Instant startedAt, Optional<Instant> endedAt, RunOutcome outcome,
        Optional<String> message, Optional<String> adapterHash, Optional<String> checkpointDir,
        OptionalLong checkpointStep) {

    /** Whether "resume from checkpoint" applies: the run did not complete and a checkpoint exists. */
    public boolean resumable() {
        return (outcome == RunOutcome.INTERRUPTED || outcome == RunOutcome.STOPPED || outcome == RunOutcome.FAILED)
                && checkpointDir.isPresent();
    }
}
