package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown by {@link Workspace#open} when another studio (another process, or another open
 * {@link Workspace} in this one) holds the workspace. Nothing in the workspace was touched.
 *
 * <p>The message names the folder and the holder and tells the user what to do; {@link #holder()} is
 * empty when the holder could not be identified (it was still writing its lock file, or only H2's own
 * lock refused us, e.g. an H2 console has the database open).
 */
public final class WorkspaceLockedException extends IOException {

    private final transient Path folder;
    private final transient LockHolder holder;

    WorkspaceLockedException(Path folder, Optional<LockHolder> holder, String detail) {
        super("Workspace " + folder + " is already open in another ModelFactory Studio ("
                + holder.map(LockHolder::describe).orElse("holder unknown") + detail
                + "). Close the other studio, or choose another workspace with --workspace DIR.");
        this.folder = folder;
        this.holder = holder.orElse(null);
    }

    /** The workspace folder that could not be opened. */
    public Path folder() {
        return folder;
    }

    /** Who holds it, when known. */
    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
