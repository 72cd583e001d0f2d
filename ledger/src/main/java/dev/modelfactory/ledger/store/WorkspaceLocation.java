package dev.modelfactory.ledger.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A resolved workspace folder and the rule that chose it.
 *
 * @param folder absolute, normalized; may not exist yet ({@link Workspace#open} creates it)
 * @param source which rule chose it
 */
public record WorkspaceLocation(Path folder, WorkspaceSource source) {

    public WorkspaceLocation {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(source, "source");
    }

    /** For {@code doctor}: {@code /home/ada/.local/share/modelfactory (from platform user-data folder)}. */
    public String describe() {
        return folder + " (from " + source.description() + ")";
    }
}
