package dev.modelfactory.studio.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a text file whole or not at all: a temporary file beside the target, then a rename over it. The
 * result keeps the replaced file's permissions, or gets rw-r--r-- when new (a temporary file starts
 * owner-only, and a report is made to be shared).
 */
public final class AtomicText {

    private AtomicText() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}; an existing file is replaced only once the text is written. */
    public static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                readableLikeANewFile(temp, target);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void readableLikeANewFile(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
