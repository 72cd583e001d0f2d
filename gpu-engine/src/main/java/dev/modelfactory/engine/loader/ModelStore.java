package dev.modelfactory.engine.loader;

import java.nio.file.Path;

/**
 * A place where users keep models, and how its files are laid out.
 *
 * @param kind   which tool's layout (decides how names are read)
 * @param folder the folder (may not exist)
 */
public record ModelStore(Kind kind, Path folder) {

    /** The layouts discovery understands. */
    public enum Kind {
        /** {@code manifests/<registry>/<namespace>/<model>/<tag>} JSON pointing at {@code blobs/sha256-<hex>} GGUFs. */
        OLLAMA,
        /** {@code models--<org>--<name>/snapshots/<revision>/}: a Hugging Face folder or GGUF files. */
        HUGGING_FACE_CACHE,
        /** {@code <publisher>/<repo>/*.gguf}. */
        LM_STUDIO,
        /** Any folder: {@code .gguf} files and Hugging Face folders below it. */
        USER
    }
}
