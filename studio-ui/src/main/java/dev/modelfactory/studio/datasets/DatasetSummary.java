package dev.modelfactory.studio.datasets;

import java.time.Instant;

/**
 * A dataset as the list shows it.
 *
 * @param id          the workspace-local id
 * @param name        unique name
 * @param description free text, may be empty
 * @param rows        rows in the working set (all statuses)
 * @param versions    frozen versions
 * @param createdAt   when it was created
 */
public record DatasetSummary(long id, String name, String description, long rows, int versions, Instant createdAt) {
}
