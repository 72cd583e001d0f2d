package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.SourceRef;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import java.util.Set;

/**
 * A stored row as queries return it.
 *
 * @param id             the workspace-local row id
 * @param datasetId      its dataset
 * @param rowHash        identity hash ({@link dev.modelfactory.ledger.dataset.RowHash#of})
 * @param normalisedHash exact-duplicate key ({@link dev.modelfactory.ledger.dataset.RowHash#normalised})
 * @param content        the row, with its tags
 * @param contributor    wallet address or name, or null if the import named none
 * @param licence        SPDX id or custom text, or null
 * @param allowedUses    what the contributor allows
 * @param split          train/validation/test, or null if unsplit (for a version's rows: the split frozen with it)
 * @param status         curation state
 * @param source         file, line and record it was imported from
 * @param tokenCount     tokens, once counted by the engine; null until then
 */
public record DatasetRow(long id, long datasetId, String rowHash, String normalisedHash, Conversation content,
                         String contributor, String licence, Set<Use> allowedUses, Split split, RowStatus status,
                         SourceRef source, Integer tokenCount) {

    public DatasetRow {
        allowedUses = Set.copyOf(allowedUses);
    }
}
