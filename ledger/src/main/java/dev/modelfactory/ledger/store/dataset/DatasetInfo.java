package dev.modelfactory.ledger.store.dataset;

import java.time.Instant;

/**
 * A dataset: a named, growing collection of rows from which versions are frozen.
 *
 * @param id          the workspace-local id
 * @param name        unique within the workspace
 * @param description free text, may be empty
 * @param createdAt   when it was created
 */
public record DatasetInfo(long id, String name, String description, Instant createdAt) {
}
