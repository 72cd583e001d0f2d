package dev.modelfactory.studio.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder the catalog searches for models.
 *
 * @param kind   OLLAMA, HUGGING_FACE_CACHE, LM_STUDIO or USER (never WORKSPACE)
 * @param path   absolute folder path
 * @param exists whether the folder is there now (a well-known place may be missing: the tool is not installed)
 */
public record ModelFolder(ModelSource kind, Path path, boolean exists) {

    public ModelFolder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (kind == ModelSource.WORKSPACE) {
            throw new IllegalArgumentException("the workspace is not a searched folder");
        }
    }

    /** Only folders the user added can be removed. */
    public boolean removable() {
        return kind == ModelSource.USER;
    }

    /** True when the model's files lie in this folder (or below it). */
    public boolean holds(LocalModel model) {
        return model.location().startsWith(path);
    }
}
