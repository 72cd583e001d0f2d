package dev.modelfactory.app.cli;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import dev.modelfactory.ledger.store.WorkspaceLockedException;
import dev.modelfactory.ledger.store.WorkspaceSchemaTooNewException;
import java.io.IOException;

/** Opening the workspace the way every command does: a locked or too-new workspace is bad input (exit 2). */
public final class WorkspaceCommands {

    private WorkspaceCommands() {
    }

    public static Workspace open(RootCommand root) throws IOException {
        try {
            return Workspace.open(WorkspaceLocator.locate(root.workspace()).folder());
        } catch (WorkspaceLockedException | WorkspaceSchemaTooNewException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
