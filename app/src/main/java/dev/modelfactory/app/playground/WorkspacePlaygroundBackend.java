package dev.modelfactory.app.playground;

import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.studio.models.LocalModel;
import dev.modelfactory.studio.models.ModelCatalog;
import dev.modelfactory.studio.playground.PlaygroundBackend;
import dev.modelfactory.studio.playground.PlaygroundEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The playground's models: those registered in the workspace (the Models page's imported list). */
public final class WorkspacePlaygroundBackend implements PlaygroundBackend {

    private final ModelCatalog catalog;
    private final int context;
    private final long adapterBudget;

    public WorkspacePlaygroundBackend(ModelCatalog catalog, int context, long adapterBudget) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.context = context;
        this.adapterBudget = adapterBudget;
    }

    public WorkspacePlaygroundBackend(ModelCatalog catalog) {
        this(catalog, ModelLoader.DEFAULT_CONTEXT, ServedPlayground.DEFAULT_ADAPTER_BUDGET);
    }

    @Override
    public List<String> models() {
        return registered().stream().map(LocalModel::name).toList();
    }

    private List<LocalModel> registered() {
        try {
            return catalog.imported();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the workspace's models", e);
        }
    }

    @Override
    public PlaygroundEngine open(String model) {
        LocalModel m = registered().stream().filter(x -> x.name().equals(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No registered model named \"" + model + "\""));
        LoadedModel loaded = ModelLoader.load(m.location(), Backends.best(), context);
        try {
            return new ServedPlayground(m.name(), loaded, sizeOf(m.location()), adapterBudget);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Bytes of a model file, or of every file in a model folder. */
    static long sizeOf(Path location) {
        try {
            if (Files.isRegularFile(location)) {
                return Files.size(location);
            }
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + location, e);
        }
    }
}
