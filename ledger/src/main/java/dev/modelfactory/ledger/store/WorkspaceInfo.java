package dev.modelfactory.ledger.store;

import java.time.Instant;

/**
 * Facts about the workspace itself, recorded once when it is created (table {@code workspace_info}):
 * for {@code doctor} and for support ("which build made this workspace?").
 *
 * @param createdAt        when the workspace database was first created
 * @param createdByVersion the ModelFactory Studio version that created it
 */
public record WorkspaceInfo(Instant createdAt, String createdByVersion) {
}
