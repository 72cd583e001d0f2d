package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown by {@link Workspace#open} when the workspace database was migrated by a newer ModelFactory
 * Studio than this one: this build cannot know what the newer schema means, so it refuses to open
 * the workspace and leaves it exactly as it was (no migration, no write).
 */
public final class WorkspaceSchemaTooNewException extends IOException {

    private final transient Path folder;
    private final String databaseVersion;
    private final String latestKnownVersion;

    WorkspaceSchemaTooNewException(Path folder, String databaseVersion, String latestKnownVersion) {
        super("Workspace " + folder + " has schema version " + databaseVersion
                + ", but this ModelFactory Studio only knows schema versions up to " + latestKnownVersion
                + ". Use a newer ModelFactory Studio to open it; the workspace was left unchanged.");
        this.folder = folder;
        this.databaseVersion = databaseVersion;
        this.latestKnownVersion = latestKnownVersion;
    }

    /** The workspace folder. */
    public Path folder() {
        return folder;
    }

    /** The schema version recorded in the workspace database. */
    public String databaseVersion() {
        return databaseVersion;
    }

    /** The newest schema version this build's migrations reach. */
    public String latestKnownVersion() {
        return latestKnownVersion;
    }
}
