package dev.modelfactory.app.firstrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The workspace folder the user picked on the welcome, kept in one line of {@code <config>/workspace.path}
 * (Linux {@code ~/.config/modelfactory}). Commands use it when neither {@code --workspace} nor
 * {@code MODELFACTORY_HOME} names a workspace, so the studio and the command line agree.
 *
 * @param file the file holding the folder
 */
public record RememberedWorkspace(Path file) {

    /** The file's name inside the per-user config folder. */
    public static final String FILE_NAME = "workspace.path";

    /** The remembered folder; empty when nothing (or nothing usable: blank, relative) was remembered. */
    public Optional<Path> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            Path p = Path.of(line);
            return line.isEmpty() || !p.isAbsolute() ? Optional.empty() : Optional.of(p.normalize());
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Remembers {@code folder} (absolute); written to a temp file then renamed, so a crash leaves the old one. */
    public void write(Path folder) {
        if (!folder.isAbsolute()) {
            throw new IllegalArgumentException("workspace folder must be absolute: " + folder);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
            try {
                Files.writeString(tmp, folder.normalize() + System.lineSeparator(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remember the workspace in " + file, e);
        }
    }
}
