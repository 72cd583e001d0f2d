package dev.modelfactory.studio.playground;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One loaded base model with its adapter pool and serving scheduler. Thread-safe; {@link #register} and
 * {@link #pin} may load files and so belong off the FX thread.
 */
public interface PlaygroundEngine extends AutoCloseable {

    /** The base model's name. */
    String baseName();

    /** Whether the model has a chat template (otherwise only completion is offered). */
    boolean hasChatTemplate();

    /** Registers the PEFT folder under a fresh id (its folder name, made unique) and returns the id. */
    String register(Path peftFolder);

    /** Registered adapters, in registration order. */
    List<AdapterState> adapters();

    void pin(String adapterId);

    void unpin(String adapterId);

    /** Drops a resident adapter; false when it is pinned or in use (or not resident). */
    boolean evict(String adapterId);

    MemoryFigures memory();

    /**
     * Starts a generation for {@code adapterId} (null: the base). In chat mode {@code messages} are rendered
     * with the model's chat template; in completion mode the last message's content is the prompt.
     * {@code onText} receives each newly decoded piece from the scheduler thread.
     */
    PaneStream start(String adapterId, List<ChatMessage> messages, boolean chat, PaneSettings settings,
                     Consumer<String> onText);

    @Override
    void close();
}
