package dev.modelfactory.ledger.store.dataset;

import java.time.Instant;
import java.util.Map;

/**
 * One curation operation in a dataset's history.
 *
 * @param id          the operation's id (for {@link DatasetStore#historyRows})
 * @param datasetId   its dataset
 * @param kind        what it did
 * @param description one line for people, e.g. {@code reject 12 rows}
 * @param parameters  its arguments, e.g. {@code {tag=math}}, {@code {status=rejected}}
 * @param rowCount    rows it changed (rows already in the target state are not counted or recorded)
 * @param actor       who did it (wallet address or name), or null if not given
 * @param at          when it was done
 * @param undone      true if undone (then it is on the redo side of the history)
 */
public record HistoryEntry(long id, long datasetId, CurationKind kind, String description,
                           Map<String, String> parameters, long rowCount, String actor, Instant at, boolean undone) {

    public HistoryEntry {
        parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
    }
}
