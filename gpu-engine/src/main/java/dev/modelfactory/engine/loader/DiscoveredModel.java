package dev.modelfactory.engine.loader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model found in a {@link ModelStore}: its headers when they could be read, else the reason.
 *
 * @param name     what the store calls it (Ollama "llama3.2:1b", HF "org/name", else the file name)
 * @param location the GGUF file or Hugging Face folder
 * @param store    where it was found
 * @param summary  headers, when readable
 * @param problem  why the headers could not be read (null when they could)
 */
public record DiscoveredModel(String name, Path location, ModelStore store, Optional<ModelSummary> summary,
                              String problem) {
}
