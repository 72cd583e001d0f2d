package dev.modelfactory.studio.models;

import dev.modelfactory.studio.task.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The models on this computer, as the Models page sees them. The app implements it with the engine's model
 * discovery and the ledger's model registry. The page calls every method from a background task, never on
 * the FX thread; implementations may block, and should name the file in any exception they throw.
 */
public interface ModelCatalog {

    /**
     * Walks every {@link #folders() folder} for models (slow). Reports progress and checks cancellation through
     * {@code ctx}. A file that cannot be read is returned with its {@link LocalModel#problem() problem}, not
     * skipped. Models that are already imported may come back with their id set.
     */
    List<LocalModel> scan(TaskContext ctx) throws IOException;

    /** The models registered in the workspace, each with its id. */
    List<LocalModel> imported() throws IOException;

    /**
     * Registers the {@code .gguf} file or Hugging Face folder at {@code location} by content hash: copied into
     * the workspace or referenced in place. Returns the registered model with its id; importing a model that
     * is already registered returns the existing entry.
     */
    LocalModel importModel(Path location, ImportMode mode, TaskContext ctx) throws IOException;

    /** The searched folders: the well-known places (present or not) and the user's folders. */
    List<ModelFolder> folders();

    /** Adds a user folder to search (remembered for later sessions). */
    void addFolder(Path folder) throws IOException;

    /** Stops searching a user folder; refuses the well-known ones with {@link IllegalArgumentException}. */
    void removeFolder(Path folder) throws IOException;
}
