package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.RunOutcome;

/** How a run ended; {@code message} explains a failure, {@code adapter} is where its adapter went ("" if none). */
public record RunEnd(long runId, RunOutcome outcome, String message, int steps, String adapter) {
}
