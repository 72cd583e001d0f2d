package dev.modelfactory.studio.prefs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiPreferences} as a small properties file. Writes go to a temporary file in the
 * same folder that is then renamed over the old one, so a crash never leaves a half-written file. A missing
 * or unreadable file gives the defaults (logged), never an error: preferences are not worth failing a start.
 */
public final class UiPreferencesStore {

    private static final Logger LOG = LoggerFactory.getLogger(UiPreferencesStore.class);
    private static final String THEME = "theme";
    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";

    private final Path file;

    public UiPreferencesStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** The stored preferences, or the defaults when there are none or they cannot be read. */
    public UiPreferences load() {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException firstStart) {
            return UiPreferences.defaults();
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.warn("Cannot read UI preferences {}; using defaults", file, unreadable);
            return UiPreferences.defaults();
        }
        return new UiPreferences(ThemeChoice.parse(props.getProperty(THEME)), window(props));
    }

    /** Writes the preferences atomically (temp file + rename). */
    public void save(UiPreferences preferences) {
        Properties props = new Properties();
        props.setProperty(THEME, preferences.theme().name());
        preferences.window().ifPresent(w -> {
            props.setProperty(X, Double.toString(w.x()));
            props.setProperty(Y, Double.toString(w.y()));
            props.setProperty(WIDTH, Double.toString(w.width()));
            props.setProperty(HEIGHT, Double.toString(w.height()));
            props.setProperty(MAXIMIZED, Boolean.toString(w.maximized()));
        });
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try {
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    props.store(out, "ModelFactory Studio UI preferences");
                }
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write UI preferences " + file, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<WindowGeometry> window(Properties props) {
        try {
            String x = props.getProperty(X);
            if (x == null) {
                return Optional.empty();
            }
            return Optional.of(new WindowGeometry(Double.parseDouble(x), Double.parseDouble(props.getProperty(Y)),
                    Double.parseDouble(props.getProperty(WIDTH)), Double.parseDouble(props.getProperty(HEIGHT)),
                    Boolean.parseBoolean(props.getProperty(MAXIMIZED))));
        } catch (RuntimeException invalid) {
            LOG.warn("Ignoring invalid window geometry in UI preferences: {}", invalid.getMessage());
            return Optional.empty();
        }
    }
}
