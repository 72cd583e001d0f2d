package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Computes a model's id ({@link ModelRecord#id()}): the same bytes give the same id on any machine.
 *
 * <ul>
 *   <li>A single file (e.g. {@code .gguf}): the sha256 of its bytes, lowercase hex.</li>
 *   <li>A folder (e.g. a Hugging Face checkpoint): list every regular file below it (symlinks
 *   followed), take its path relative to the folder with {@code /} separators, sort by the UTF-8
 *   bytes of that path (unsigned), and hash the concatenation of
 *   {@code utf8(path) + "\n" + sha256hex(file) + "\n"} for each file in that order.</li>
 * </ul>
 *
 * <p>Why a listing rather than the bytes concatenated: a file renamed or moved between shards is a
 * different model, and the listing keeps the id independent of the order the OS lists files in.
 */
public final class ModelHash {

    private static final int BUFFER_BYTES = 1 << 20;

    private ModelHash() {
    }

    /** The id of a model file or folder (see the class comment). */
    public static String of(Path fileOrFolder) throws IOException {
        return Files.isDirectory(fileOrFolder) ? ofFolder(fileOrFolder) : ofFile(fileOrFolder);
    }

    /** The sha256 of a file's bytes, lowercase hex. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The sha256 of a folder's sorted (relative path, file hash) listing, lowercase hex. */
    public static String ofFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        record Entry(byte[] path, Path file) {
        }
        List<Entry> entries = files.stream()
                .map(f -> new Entry(relative(folder, f).getBytes(StandardCharsets.UTF_8), f))
                .sorted((a, b) -> Arrays.compareUnsigned(a.path(), b.path()))
                .toList();
        MessageDigest digest = sha256();
        for (Entry e : entries) {
            digest.update(e.path());
            digest.update((byte) '\n');
            digest.update(ofFile(e.file()).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String relative(Path folder, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : folder.relativize(file)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
