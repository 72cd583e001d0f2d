package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.format.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The on-disk shapes of a model the engine reads. */
public enum ModelFormat {
    /** One {@code .gguf} file (metadata, tokenizer and tensors together). */
    GGUF,
    /** A Hugging Face folder: {@code config.json}, safetensors (maybe sharded), {@code tokenizer.json}. */
    HF_FOLDER;

    /** Recognises {@code path} by content (GGUF magic) or layout ({@code config.json}); refuses anything else. */
    public static ModelFormat detect(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("config.json"))) {
                return HF_FOLDER;
            }
            throw new ModelFormatException(path + ": a model folder needs a config.json (Hugging Face layout)");
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelFormatException(path + ": no such file or folder");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(path)) {
            if (in.readNBytes(magic, 0, 4) == 4 && magic[0] == 'G' && magic[1] == 'G' && magic[2] == 'U' && magic[3] == 'F') {
                return GGUF;
            }
        } catch (IOException e) {
            throw new ModelFormatException(path + ": cannot read: " + e.getMessage(), e);
        }
        throw new ModelFormatException(path + ": not a GGUF file (no GGUF magic) and not a Hugging Face folder");
    }
}
