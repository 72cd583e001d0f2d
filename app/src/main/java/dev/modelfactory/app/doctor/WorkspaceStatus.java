package dev.modelfactory.app.doctor;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocation;
import dev.modelfactory.ledger.store.WorkspaceLockedException;
import dev.modelfactory.ledger.store.WorkspaceSchemaTooNewException;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The workspace as {@code doctor} sees it, found without creating anything.
 *
 * @param path                 the folder
 * @param source               which rule chose it (command line, environment, platform default)
 * @param state                not-created, ok, locked, too-new or unreadable
 * @param schemaVersion        the applied schema version, or null when unknown
 * @param latestSchemaVersion  the newest schema this build knows, or null when unknown
 * @param message              one line for a person
 */
public record WorkspaceStatus(String path, String source, String state, String schemaVersion,
                              String latestSchemaVersion, String message) {

    /** Looks at {@code location}; opens (and so migrates) only a workspace that already exists. */
    public static WorkspaceStatus probe(WorkspaceLocation location) {
        String path = location.folder().toString();
        String source = location.source().description();
        if (!Files.exists(location.folder().resolve("workspace.mv.db"))) {
            return new WorkspaceStatus(path, source, "not-created", null, null,
                    "not created yet: the studio or any command that stores something creates it");
        }
        try (Workspace ws = Workspace.open(location.folder())) {
            return new WorkspaceStatus(path, source, "ok", ws.schemaVersion(), ws.latestKnownSchemaVersion(),
                    "schema " + ws.schemaVersion());
        } catch (WorkspaceLockedException e) {
            return new WorkspaceStatus(path, source, "locked", null, null, e.getMessage());
        } catch (WorkspaceSchemaTooNewException e) {
            return new WorkspaceStatus(path, source, "too-new", e.databaseVersion(), e.latestKnownVersion(),
                    e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new WorkspaceStatus(path, source, "unreadable", null, null, String.valueOf(e.getMessage()));
        }
    }
}
