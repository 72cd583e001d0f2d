package dev.modelfactory.app.training;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a run's model reference and {@code NAME[@VERSION]} dataset reference, for {@code train}, the
 * training service and job-bundle export alike (a model path is registered by reference); errors are
 * {@link TrainingInputException}s naming the field.
 */
public final class TrainingRefs {

    private TrainingRefs() {
    }

    public static ModelRecord model(Workspace ws, String ref) {
        try {
            Optional<ModelRecord> known = ws.models().find(ref);
            if (known.isPresent()) {
                if (!Files.exists(known.get().location())) {
                    throw new TrainingInputException("model: imported model " + known.get().shortId() + " points at "
                            + known.get().location() + ", which no longer exists");
                }
                return known.get();
            }
        } catch (AmbiguousReferenceException e) {
            throw new TrainingInputException("model: " + e.getMessage(), e);
        }
        Path path;
        try {
            path = Path.of(ref);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.exists(path)) {
            throw new TrainingInputException("model: '" + ref + "' is neither an imported model (name or id) nor a"
                    + " model file or folder");
        }
        try {
            return ModelImporter.importModel(ws, path, ImportMode.REFERENCE, Optional.empty(), ProgressListener.NONE,
                    CancellationToken.NONE);
        } catch (ModelFormatException e) {
            throw new TrainingInputException("model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DatasetInfo dataset(DatasetStore store, Workspace ws, DatasetRef ref) {
        return store.findByName(ref.name()).orElseThrow(() -> new TrainingInputException("dataset: no dataset named '"
                + ref.name() + "' in " + ws.root()));
    }

    public static DatasetVersion version(DatasetStore store, DatasetInfo ds, DatasetRef ref) {
        if (ref.version().isPresent()) {
            try {
                return store.version(ds.id(), ref.version().get()).orElseThrow(() -> new TrainingInputException(
                        "dataset: " + ds.name() + " has no version " + ref.version().get()));
            } catch (AmbiguousReferenceException e) {
                throw new TrainingInputException("dataset: " + e.getMessage(), e);
            }
        }
        List<DatasetVersion> all = store.versions(ds.id());
        if (all.isEmpty()) {
            throw new TrainingInputException("dataset: " + ds.name() + " has no frozen version; freeze one first");
        }
        return all.getLast();
    }
}
