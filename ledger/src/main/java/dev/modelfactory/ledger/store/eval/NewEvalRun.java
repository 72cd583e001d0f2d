package dev.modelfactory.ledger.store.eval;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a finished evaluation job is stored with (its outputs come alongside, see {@link EvalStore#saveRun}). */
public record NewEvalRun(String suiteName, int suiteVersion, String modelName, String modelHash, String decodingJson,
        List<SystemRef> systems, Instant startedAt, Instant finishedAt) {

    public NewEvalRun {
        suiteName = Fields.text("suiteName", suiteName, 200);
        modelName = Fields.text("modelName", modelName, 500);
        modelHash = Fields.hash("modelHash", modelHash);
        Objects.requireNonNull(decodingJson, "decodingJson");
        Fields.requireJson("decodingJson", decodingJson);
        systems = List.copyOf(systems);
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("systems: a run evaluates at least one system");
        }
        Set<String> labels = new HashSet<>();
        for (SystemRef s : systems) {
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException("systems: two systems labelled " + s.label());
            }
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("finishedAt: before startedAt");
        }
    }
}
