package dev.modelfactory.studio.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model on this computer, discovered in a searched folder or imported into the workspace. Values the
 * catalog could not read are 0 (numbers) or null (text); {@code problem} then says what went wrong.
 *
 * @param id             content hash registered by an import ({@code sha256:…}); null while not imported
 * @param name           display name (file name without {@code .gguf}, Ollama tag, Hugging Face repo id)
 * @param location       the {@code .gguf} file or the Hugging Face folder
 * @param source         where it was found, or WORKSPACE when copied in by an import
 * @param format         GGUF or Hugging Face folder
 * @param architecture   e.g. {@code llama}, {@code qwen2}, {@code mistral}; null when unknown
 * @param parameterCount number of weights; 0 when unknown
 * @param quantisation   e.g. {@code F32}, {@code BF16}, {@code Q8_0}, {@code Q4_K_M}, {@code mixed}; null when unknown
 * @param contextLength  trained context length in tokens; 0 when unknown
 * @param sizeBytes      bytes on disk (all files of a folder)
 * @param problem        why (part of) the model could not be read, naming the file; null when it read fine
 */
public record LocalModel(String id, String name, Path location, ModelSource source, ModelFormat format,
        String architecture, long parameterCount, String quantisation, int contextLength, long sizeBytes,
        String problem) {

    private static final int SHORT_ID_LENGTH = 8;

    public LocalModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
    }

    /** True once the model is registered in the workspace (it has a content hash). */
    public boolean imported() {
        return id != null;
    }

    /** The first characters of the hash (after any {@code algorithm:} prefix), or "" when not imported. */
    public String shortId() {
        if (id == null) {
            return "";
        }
        String hash = id.substring(id.indexOf(':') + 1);
        return hash.length() <= SHORT_ID_LENGTH ? hash : hash.substring(0, SHORT_ID_LENGTH);
    }

    /** True when the catalog reported a problem with the files. */
    public boolean hasProblem() {
        return problem != null && !problem.isBlank();
    }
}
