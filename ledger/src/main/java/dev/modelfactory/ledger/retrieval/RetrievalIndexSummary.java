package dev.modelfactory.ledger.retrieval;

import java.nio.file.Path;

/**
 * What an index of a version holds.
 *
 * @param versionRoot  the dataset version's Merkle root
 * @param folder       where the index lives
 * @param rowsIndexed  rows whose contributor allowed {@link RetrievalIndexBuilder#USE}, all indexed
 * @param rowsExcluded rows left out because their contributor did not allow it
 * @param built        true if this call built the index, false if a complete one was already there
 */
public record RetrievalIndexSummary(String versionRoot, Path folder, long rowsIndexed, long rowsExcluded,
                                    boolean built) {
}
