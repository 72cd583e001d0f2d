package dev.modelfactory.studio.welcome;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model found on this computer before any workspace exists.
 *
 * @param name     what its tool calls it ("llama3.2:1b", "org/name", else the file name)
 * @param source   where it was found, as the user knows it ("Ollama", "Hugging Face cache", ...)
 * @param location the GGUF file or Hugging Face folder
 */
public record DetectedModel(String name, String source, Path location) {

    public DetectedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }
}
