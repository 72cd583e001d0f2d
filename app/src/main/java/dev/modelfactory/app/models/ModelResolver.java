package dev.modelfactory.app.models;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocation;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Turns what a user typed for a model (a path, or an imported model's name or id prefix) into files. */
public final class ModelResolver {

    private ModelResolver() {
    }

    /** @throws BadInputException naming {@code reference} when it is neither a file/folder nor an imported model */
    public static Path resolve(String reference, Optional<Path> workspaceOption) {
        Optional<Path> asPath = asExistingPath(reference);
        if (asPath.isPresent()) {
            return asPath.get();
        }
        WorkspaceLocation location = WorkspaceLocator.locate(workspaceOption);
        if (!Files.exists(location.folder().resolve("workspace.mv.db"))) {
            throw new BadInputException("--model " + reference + ": no such file or folder, and no workspace at "
                    + location.folder() + " to look up imported models in");
        }
        try (Workspace ws = Workspace.open(location.folder())) {
            ModelRecord record = ws.models().find(reference).orElseThrow(() -> new BadInputException("--model "
                    + reference + ": no such file or folder, and no imported model by that name or id in "
                    + location.folder() + " (see: modelfactory model list)"));
            if (!Files.exists(record.location())) {
                throw new BadInputException("--model " + reference + ": imported model " + record.shortId()
                        + " points at " + record.location() + ", which no longer exists");
            }
            return record.location();
        } catch (AmbiguousReferenceException e) {
            throw new BadInputException("--model " + reference + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open workspace " + location.folder() + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> asExistingPath(String reference) {
        try {
            Path p = Path.of(reference);
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
