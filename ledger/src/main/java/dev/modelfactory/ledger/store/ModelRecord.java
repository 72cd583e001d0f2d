package dev.modelfactory.ledger.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model known to the workspace: its identity (a content hash), where its files are, and the
 * metadata the engine read from them when it was imported.
 *
 * <p>The ledger only stores these values; the studio computes them with the engine (which the ledger
 * must not depend on). {@code id} is the sha256 of the model file, or of a folder's sorted listing
 * (see {@link ModelHash}), so the same weights imported twice are one model.
 *
 * @param id             64 lowercase hex characters (uppercase is accepted and lowered)
 * @param name           a display name the user can refer to the model by, e.g. {@code "tinyllama-chat"}
 * @param location       where the files are: inside {@code blobs/} for {@link ImportMode#COPY}
 * @param mode           copied into the workspace or referenced in place
 * @param format         {@code gguf} or {@code hf} (a Hugging Face folder)
 * @param architecture   e.g. {@code llama}, {@code qwen2}
 * @param parameterCount number of parameters
 * @param quantisation   e.g. {@code Q4_K}, {@code F16}, {@code BF16}
 * @param contextLength  the model's maximum context, in tokens
 * @param sizeBytes      total bytes of the model's files
 * @param importedAt     when the model was first registered (kept on re-registration)
 */
public record ModelRecord(String id, String name, Path location, ImportMode mode, String format,
                          String architecture, long parameterCount, String quantisation, int contextLength,
                          long sizeBytes, Instant importedAt) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** @throws IllegalArgumentException if the id is not a sha256 hex digest, a text is blank or a number negative */
    public ModelRecord {
        Objects.requireNonNull(id, "id");
        id = id.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(id).matches()) {
            throw new IllegalArgumentException("a model id is a sha256 hex digest (64 characters), got '" + id + "'");
        }
        name = requireText(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(mode, "mode");
        format = requireText(format, "format");
        architecture = requireText(architecture, "architecture");
        quantisation = requireText(quantisation, "quantisation");
        requireNonNegative(parameterCount, "parameterCount");
        requireNonNegative(contextLength, "contextLength");
        requireNonNegative(sizeBytes, "sizeBytes");
        Objects.requireNonNull(importedAt, "importedAt");
    }

    /** The first 12 hex characters: enough to tell models apart in lists and messages. */
    public String shortId() {
        return id.substring(0, 12);
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a model's " + field + " must not be blank");
        }
        return value.strip();
    }

    private static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("a model's " + field + " must not be negative, got " + value);
        }
    }
}
