package dev.modelfactory.app.models;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.loader.DiscoveredModel;
import dev.modelfactory.engine.loader.ModelDiscovery;
import dev.modelfactory.engine.loader.ModelStore;
import dev.modelfactory.engine.loader.ModelSummary;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.studio.models.ImportMode;
import dev.modelfactory.studio.models.LocalModel;
import dev.modelfactory.studio.models.ModelCatalog;
import dev.modelfactory.studio.models.ModelFolder;
import dev.modelfactory.studio.models.ModelFormat;
import dev.modelfactory.studio.models.ModelSource;
import dev.modelfactory.studio.task.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Models page's catalog: discovery by the engine (the tools' stores plus the user's folders, kept in
 * the workspace settings) and imports registered in the workspace's ledger.
 */
public final class WorkspaceModelCatalog implements ModelCatalog {

    /** Workspace setting holding the user's model folders, one absolute path per line. */
    static final String FOLDERS_KEY = "models.user-folders";

    private final Workspace workspace;
    private final List<ModelStore> toolStores;

    public WorkspaceModelCatalog(Workspace workspace, List<ModelStore> toolStores) {
        this.workspace = workspace;
        this.toolStores = List.copyOf(toolStores);
    }

    /** The catalog over this user's tool stores. */
    public static WorkspaceModelCatalog forCurrentUser(Workspace workspace) {
        return new WorkspaceModelCatalog(workspace, ModelDiscovery.knownStores());
    }

    @Override
    public List<LocalModel> scan(TaskContext ctx) throws IOException {
        List<ModelStore> stores = new ArrayList<>(toolStores);
        userFolders().forEach(f -> stores.add(new ModelStore(ModelStore.Kind.USER, f)));
        ctx.updateMessage("Looking in " + stores.size() + " folders");
        List<DiscoveredModel> found = ModelDiscovery.scan(stores, ctx::updateMessage, ctx::isCancelled);
        ctx.throwIfCancelled();
        Map<Path, ModelRecord> importedByLocation = workspace.models().list().stream()
                .collect(Collectors.toMap(r -> r.location().toAbsolutePath().normalize(), Function.identity(), (a, b) -> a));
        List<LocalModel> out = new ArrayList<>();
        for (DiscoveredModel d : found) {
            ModelRecord imported = importedByLocation.get(d.location().toAbsolutePath().normalize());
            out.add(toLocal(d, imported));
        }
        return out;
    }

    @Override
    public List<LocalModel> imported() {
        return workspace.models().list().stream().map(WorkspaceModelCatalog::toLocal).toList();
    }

    @Override
    public LocalModel importModel(Path location, ImportMode mode, TaskContext ctx) throws IOException {
        ctx.updateMessage("Importing " + location.getFileName());
        try {
            ModelRecord r = ModelImporter.importModel(workspace, location,
                    mode == ImportMode.COPY ? dev.modelfactory.ledger.store.ImportMode.COPY
                            : dev.modelfactory.ledger.store.ImportMode.REFERENCE,
                    Optional.empty(), ctx::updateProgress, cancellation(ctx));
            return toLocal(r);
        } catch (ModelFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<ModelFolder> folders() {
        List<ModelFolder> out = new ArrayList<>();
        for (ModelStore s : toolStores) {
            out.add(new ModelFolder(source(s.kind()), s.folder(), Files.isDirectory(s.folder())));
        }
        userFolders().forEach(f -> out.add(new ModelFolder(ModelSource.USER, f, Files.isDirectory(f))));
        return out;
    }

    @Override
    public void addFolder(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IOException(abs + " is not a folder");
        }
        Set<Path> folders = new LinkedHashSet<>(userFolders());
        folders.add(abs);
        saveFolders(folders);
    }

    @Override
    public void removeFolder(Path folder) {
        Set<Path> folders = new LinkedHashSet<>(userFolders());
        folders.remove(folder.toAbsolutePath().normalize());
        saveFolders(folders);
    }

    List<Path> userFolders() {
        return workspace.settings().get(FOLDERS_KEY).stream()
                .flatMap(v -> v.lines())
                .filter(l -> !l.isBlank())
                .map(Path::of)
                .toList();
    }

    private void saveFolders(Set<Path> folders) {
        workspace.settings().put(FOLDERS_KEY, folders.stream().map(Path::toString).collect(Collectors.joining("\n")));
    }

    private static CancellationToken cancellation(TaskContext ctx) {
        return ctx::isCancelled;
    }

    private static LocalModel toLocal(DiscoveredModel d, ModelRecord imported) {
        ModelSource source = source(d.store().kind());
        Optional<ModelSummary> s = d.summary();
        ModelFormat format = s.map(x -> x.format() == dev.modelfactory.engine.loader.ModelFormat.GGUF
                ? ModelFormat.GGUF : ModelFormat.HUGGING_FACE).orElse(Files.isDirectory(d.location())
                ? ModelFormat.HUGGING_FACE : ModelFormat.GGUF);
        return new LocalModel(imported == null ? null : imported.id(), d.name(), d.location(), source, format,
                s.map(ModelSummary::architecture).orElse(""), s.map(ModelSummary::parameterCount).orElse(0L),
                s.map(ModelSummary::quantisation).orElse(""), s.map(ModelSummary::contextLength).orElse(0),
                s.map(ModelSummary::sizeBytes).orElseGet(() -> sizeOf(d.location())), d.problem());
    }

    private static LocalModel toLocal(ModelRecord r) {
        return new LocalModel(r.id(), r.name(), r.location(), ModelSource.WORKSPACE,
                "gguf".equals(r.format()) ? ModelFormat.GGUF : ModelFormat.HUGGING_FACE, r.architecture(),
                r.parameterCount(), r.quantisation(), r.contextLength(), r.sizeBytes(),
                Files.exists(r.location()) ? null : "the files are gone: " + r.location());
    }

    private static ModelSource source(ModelStore.Kind kind) {
        return switch (kind) {
            case OLLAMA -> ModelSource.OLLAMA;
            case HUGGING_FACE_CACHE -> ModelSource.HUGGING_FACE_CACHE;
            case LM_STUDIO -> ModelSource.LM_STUDIO;
            case USER -> ModelSource.USER;
        };
    }

    private static long sizeOf(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
