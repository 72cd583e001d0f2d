package dev.modelfactory.engine.loader;

import java.nio.file.Path;

/**
 * What a model is, read from its headers without loading weights: enough for a list of models, for
 * {@code model show} and for registering an import.
 *
 * @param location       the file or folder
 * @param format         GGUF or Hugging Face folder
 * @param name           a display name (GGUF {@code general.name}, else the file or folder name)
 * @param architecture   e.g. llama, qwen2, mistral
 * @param parameterCount elements over all tensors
 * @param quantisation   the storage type of most matrix weights ("F32", "Q8_0", "BF16"...), or "mixed: A+B"
 * @param contextLength  trained context length (0 when unknown)
 * @param sizeBytes      bytes on disk (all files of a folder's model)
 * @param layers         transformer blocks
 * @param dim            embedding width
 * @param vocabSize      vocabulary size
 */
public record ModelSummary(Path location, ModelFormat format, String name, String architecture, long parameterCount,
                           String quantisation, int contextLength, long sizeBytes, int layers, int dim, int vocabSize) {
}
