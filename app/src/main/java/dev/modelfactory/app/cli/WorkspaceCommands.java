package dev.modelfactory.app.cli;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import dev.modelfactory.ledger.store.WorkspaceLockedException;
import dev.modelfactory.ledger.store.WorkspaceSchemaTooNewException;
import dev.modelfactory.ledger.store.run.RunStore;
import java.io.IOException;

/** Opening the workspace the way every command does: a locked or too-new workspace is bad input (exit 2). */
public final class WorkspaceCommands {

    private WorkspaceCommands() {
    }

    /**
     * Marks runs a dead process left RUNNING as INTERRUPTED (resumable): the workspace lock we now hold
     * means no other process is training in it.
     */
    public static Workspace recovered(Workspace ws) {
        new RunStore(ws).recoverInterrupted();
        return ws;
    }

    public static Workspace open(RootCommand root) throws IOException {
        try {
            return recovered(Workspace.open(WorkspaceLocator.locate(root.workspace()).folder()));
        } catch (WorkspaceLockedException | WorkspaceSchemaTooNewException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
