package dev.modelfactory.ledger.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The last file written into an index folder before it is renamed into place: which version it indexes, in
 * which format, and how many rows. An index folder without it (or of another format) is not an index.
 *
 * @param format       {@link #FORMAT} when written by this code
 * @param versionRoot  the version indexed
 * @param rowsIndexed  rows in the index
 * @param rowsExcluded rows left out (use not allowed)
 */
record RetrievalManifest(int format, String versionRoot, long rowsIndexed, long rowsExcluded) {

    /** Bump when fields, analysis or the row text change: older indexes are then rebuilt. */
    static final int FORMAT = 1;
    static final String FILE = "retrieval.properties";

    boolean isCurrentFor(String root) {
        return format == FORMAT && versionRoot.equals(root);
    }

    void write(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(format));
        p.setProperty("version", versionRoot);
        p.setProperty("rows", Long.toString(rowsIndexed));
        p.setProperty("excluded", Long.toString(rowsExcluded));
        p.setProperty("use", RetrievalIndexBuilder.USE.name());
        try (OutputStream out = Files.newOutputStream(folder.resolve(FILE))) {
            p.store(out, "ModelFactory retrieval index (ADR 0011)");
        }
    }

    /** The manifest in {@code folder}, or empty if there is none or it cannot be read as one. */
    static Optional<RetrievalManifest> read(Path folder) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(FILE))) {
            p.load(in);
            return Optional.of(new RetrievalManifest(Integer.parseInt(p.getProperty("format", "0")),
                    p.getProperty("version", ""), Long.parseLong(p.getProperty("rows", "0")),
                    Long.parseLong(p.getProperty("excluded", "0"))));
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
