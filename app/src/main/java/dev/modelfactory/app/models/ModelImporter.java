package dev.modelfactory.app.models;

import dev.modelfactory.engine.loader.ModelFormat;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.loader.ModelSummary;
import dev.modelfactory.ledger.store.BlobId;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.ModelHash;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Imports a model into a workspace: the engine reads its headers (refusing what it cannot run), the
 * files are copied into the content-addressed store or referenced in place, and the ledger registers the
 * model under its content hash. Importing the same bytes twice registers one model.
 */
public final class ModelImporter {

    private ModelImporter() {
    }

    /**
     * @param name     the display name; empty: the model's own name (GGUF general.name, else the file name)
     * @return the registered model; for bytes imported before, the existing registration (renamed if asked)
     * @throws dev.modelfactory.engine.format.ModelFormatException when the files are not a model we can read
     */
    public static ModelRecord importModel(Workspace ws, Path path, ImportMode mode, Optional<String> name,
                                          ProgressListener progress, CancellationToken cancel) throws IOException {
        Path source = path.toAbsolutePath().normalize();
        ModelSummary summary = ModelLoader.inspect(source);
        String id = ModelHash.of(source);
        Optional<ModelRecord> known = ws.models().get(id);
        if (known.isPresent() && Files.exists(known.get().location())) {
            // The same bytes are already imported: keep their files and mode, take a new name if one was given.
            ModelRecord k = known.get();
            return name.filter(n -> !n.isBlank() && !n.equals(k.name()))
                    .map(n -> ws.models().register(new ModelRecord(k.id(), n, k.location(), k.mode(), k.format(),
                            k.architecture(), k.parameterCount(), k.quantisation(), k.contextLength(), k.sizeBytes(),
                            k.importedAt())))
                    .orElse(k);
        }
        Path location;
        if (mode == ImportMode.REFERENCE) {
            location = source;
        } else if (summary.format() == ModelFormat.GGUF) {
            BlobId blob = ws.blobs().put(source, progress, cancel);
            if (!blob.hex().equals(id)) {
                throw new IOException(source + " changed while it was being imported; try again");
            }
            location = ws.blobs().path(blob);
        } else {
            location = copyFolder(ws, source, id, progress, cancel);
        }
        ModelRecord record = new ModelRecord(id, name.filter(n -> !n.isBlank()).orElse(summary.name()), location, mode,
                summary.format() == ModelFormat.GGUF ? "gguf" : "hf", summary.architecture(),
                summary.parameterCount(), summary.quantisation(), summary.contextLength(), summary.sizeBytes(),
                Instant.now());
        return ws.models().register(record);
    }

    /**
     * Stores each file of a Hugging Face folder as a blob and lays the folder out again under
     * {@code models/<id>/} with links to the blobs (copies where the file system has no hard links), so the
     * loader reads it like the original.
     */
    private static Path copyFolder(Workspace ws, Path source, String id, ProgressListener progress,
                                   CancellationToken cancel) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Path target = ws.root().resolve("models").resolve(id.substring(0, 16).toLowerCase(Locale.ROOT));
        Path staging = Files.createDirectories(ws.root().resolve("models")).resolve(target.getFileName() + ".tmp");
        deleteTree(staging);
        for (Path file : files) {
            cancel.throwIfCancellationRequested();
            BlobId blob = ws.blobs().put(file, progress, cancel);
            Path dest = staging.resolve(source.relativize(file).toString());
            Files.createDirectories(dest.getParent());
            try {
                Files.createLink(dest, ws.blobs().path(blob));
            } catch (IOException | UnsupportedOperationException noLinks) {
                Files.copy(ws.blobs().path(blob), dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.exists(target)) {
            deleteTree(staging); // same bytes imported before: the existing layout is identical
            return target;
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            deleteTree(staging);
        }
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
