package dev.modelfactory.ledger.store.eval;

import java.time.Instant;
import java.util.List;

/** A stored evaluation run: its id, what it was started with, and how many outputs it holds. */
public record EvalRunRecord(long id, String suiteName, int suiteVersion, String modelName, String modelHash,
        String decodingJson, List<SystemRef> systems, Instant startedAt, Instant finishedAt, int outputs) {

    public EvalRunRecord {
        systems = List.copyOf(systems);
    }
}
