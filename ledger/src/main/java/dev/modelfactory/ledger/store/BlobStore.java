package dev.modelfactory.ledger.store;

import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's content-addressed store: immutable blobs named by the SHA-256 of their bytes
 * (dataset snapshots, adapters, checkpoints, models imported by copy).
 *
 * <p>Layout under the workspace's {@code blobs/} folder:
 * <pre>
 * blobs/sha256/ba/7816bf8f...   one file per blob: first 2 hex chars as folder, the other 62 as name
 * blobs/tmp/put-*.tmp           writes in progress; never visible as blobs
 * </pre>
 *
 * <p>Why writes look the way they do: a put streams into a temp file while hashing, forces it to disk,
 * then renames it into place with {@code ATOMIC_MOVE} and forces the folder (best-effort where the OS
 * refuses, e.g. Windows). A crash at any point leaves either no blob or the whole blob, never a partial
 * one under {@code sha256/}. Putting content that is already present is a no-op returning the same id.
 * There is deliberately no delete: nothing the user made is removed without a confirmation, and that
 * belongs to a later, confirmed garbage-collection step.
 *
 * <p>Thread-safe: concurrent puts write separate temp files; two puts of the same content both end
 * with the identical file in place.
 */
public final class BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final String TMP_SUFFIX = ".tmp";

    private final Path root;
    private final Path objects;
    private final Path tmp;

    /**
     * Opens (creating if needed) the store under {@code root} and removes {@code *.tmp} files in
     * {@code root/tmp} last modified before {@code holderSince}: leftovers of a process that died
     * mid-put. Only called while the workspace lock is held, so no live writer can own them.
     */
    BlobStore(Path root, Instant holderSince) throws IOException {
        this.root = root;
        this.objects = root.resolve("sha256");
        this.tmp = root.resolve("tmp");
        Files.createDirectories(objects);
        Files.createDirectories(tmp);
        removeStaleTempFiles(holderSince);
    }

    /** The {@code blobs/} folder. */
    public Path root() {
        return root;
    }

    /** Stores {@code bytes}; returns their id. */
    public BlobId put(byte[] bytes) throws IOException {
        return put(new ByteArrayInputStream(bytes), ProgressListener.NONE, CancellationToken.NONE);
    }

    /** Stores everything {@code in} yields until end of stream; the caller keeps ownership of {@code in}. */
    public BlobId put(InputStream in) throws IOException {
        return put(in, ProgressListener.NONE, CancellationToken.NONE);
    }

    /** Stores a copy of {@code file}'s bytes (the file itself is left alone). */
    public BlobId put(Path file) throws IOException {
        return put(file, ProgressListener.NONE, CancellationToken.NONE);
    }

    /** Like {@link #put(Path)}, reporting bytes copied out of the file's size and checking {@code cancel}. */
    public BlobId put(Path file, ProgressListener progress, CancellationToken cancel) throws IOException {
        long total = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return write(in, total, progress, cancel);
        }
    }

    /**
     * Stores everything {@code in} yields, reporting bytes written (total unknown) and checking
     * {@code cancel} between chunks.
     *
     * @throws java.util.concurrent.CancellationException if cancelled; nothing is stored then
     * @throws IOException if reading or writing fails; nothing is stored then
     */
    public BlobId put(InputStream in, ProgressListener progress, CancellationToken cancel) throws IOException {
        return write(in, ProgressListener.UNKNOWN_TOTAL, progress, cancel);
    }

    /** @return true if a blob with this id is stored */
    public boolean contains(BlobId id) {
        return Files.isRegularFile(path(id));
    }

    /**
     * Where the blob with this id lives (or would live): for memory-mapping and zero-copy reads.
     * Callers must treat the file as read-only.
     */
    public Path path(BlobId id) {
        Objects.requireNonNull(id, "id");
        return objects.resolve(id.shard()).resolve(id.fileName());
    }

    /**
     * Opens the blob for reading.
     *
     * @throws NoSuchFileException if no blob has this id
     */
    public InputStream open(BlobId id) throws IOException {
        return Files.newInputStream(existing(id));
    }

    /**
     * @return the blob's length in bytes
     * @throws NoSuchFileException if no blob has this id
     */
    public long size(BlobId id) throws IOException {
        return Files.size(existing(id));
    }

    /**
     * Re-hashes the stored bytes and compares them with the id: detects bit rot or tampering.
     *
     * @return true if the blob exists and its content hashes to {@code id}; false if missing or corrupt
     */
    public boolean verify(BlobId id) throws IOException {
        Path file = path(id);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        MessageDigest digest = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
            while (ch.read(buf) >= 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
        }
        return BlobId.ofDigest(digest.digest()).equals(id);
    }

    private Path existing(BlobId id) throws NoSuchFileException {
        Path file = path(id);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no blob " + id + " in " + root);
        }
        return file;
    }

    private BlobId write(InputStream in, long total, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancel, "cancel");
        Path temp = Files.createTempFile(tmp, "put-", TMP_SUFFIX);
        try {
            BlobId id = copyHashed(in, temp, total, progress, cancel);
            publish(temp, id);
            return id;
        } finally {
            // After a successful publish the temp name is gone; otherwise this removes the partial write.
            Files.deleteIfExists(temp);
        }
    }

    private static BlobId copyHashed(InputStream in, Path temp, long total, ProgressListener progress,
                                     CancellationToken cancel) throws IOException {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[BUFFER_BYTES];
        long done = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            int n;
            cancel.throwIfCancellationRequested();
            while ((n = in.read(chunk)) >= 0) {
                cancel.throwIfCancellationRequested();
                digest.update(chunk, 0, n);
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                done += n;
                progress.onProgress(done, total);
            }
            out.force(true);
        }
        return BlobId.ofDigest(digest.digest());
    }

    /** Moves the finished temp file to its content address, unless that content is already stored. */
    private void publish(Path temp, BlobId id) throws IOException {
        Path target = path(id);
        if (Files.isRegularFile(target)) {
            return; // dedupe: same bytes already stored; the caller removes the temp file
        }
        Path shard = target.getParent();
        if (!Files.isDirectory(shard)) {
            Files.createDirectories(shard);
            forceDirectory(objects);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // tmp/ and sha256/ share one folder tree, so this means a file system that cannot rename
            // atomically at all: refuse rather than risk a partial blob under its final name.
            throw new IOException("cannot store blob " + id + ": the file system under " + root
                    + " does not support atomic renames", e);
        }
        forceDirectory(shard);
    }

    /** Forces a folder's entries to disk so a rename survives power loss; some OSes refuse: best-effort. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync folder {} ({}); relying on the OS to flush it", dir, e.toString());
        }
    }

    private void removeStaleTempFiles(Instant holderSince) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp, "*" + TMP_SUFFIX)) {
            for (Path file : leftovers) {
                if (Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(holderSince)) {
                    LOG.info("removing unfinished blob write {} left by an earlier session", file);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
