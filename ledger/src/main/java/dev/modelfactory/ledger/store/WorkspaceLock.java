package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive hold on one workspace folder: an OS file lock on {@code workspace.lock} plus a
 * JVM-wide registry of folders this process holds.
 *
 * <p>Why both: OS file locks are per process, so they cannot refuse a second {@link Workspace} in
 * the same JVM; worse, on POSIX, closing any channel on the lock file drops the process's lock. The
 * registry is therefore checked first, and a second opener in this JVM never touches the file.
 *
 * <p>Why the lock covers a byte range past the content: on Windows locks are mandatory, and a
 * whole-file lock would stop a refused opener from reading who the holder is.
 *
 * <p>A lock file left by a killed process is harmless: the OS dropped its lock with the process, so
 * the next opener gets the lock and overwrites the stale holder text. The file is never deleted
 * (deleting it would let two openers lock two different inodes); on release its text is cleared.
 */
final class WorkspaceLock implements AutoCloseable {

    static final String FILE_NAME = "workspace.lock";
    private static final long LOCK_POSITION = 1L << 40;
    private static final Map<Path, LockHolder> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path folder;
    private final LockHolder holder;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(Path folder, LockHolder holder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code folder} (a real, existing path) or says who holds it.
     *
     * @throws WorkspaceLockedException if another process or another Workspace here holds it
     */
    static WorkspaceLock acquire(Path folder) throws IOException {
        LockHolder me = LockHolder.current();
        LockHolder other = HELD_IN_THIS_JVM.putIfAbsent(folder, me);
        if (other != null) {
            throw new WorkspaceLockedException(folder, Optional.of(other), ", in this same process");
        }
        try {
            return lockFile(folder, me);
        } catch (IOException | RuntimeException | Error e) {
            HELD_IN_THIS_JVM.remove(folder, me);
            throw e;
        }
    }

    private static WorkspaceLock lockFile(Path folder, LockHolder me) throws IOException {
        FileChannel ch = FileChannel.open(folder.resolve(FILE_NAME),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null; // held in this JVM by code outside Workspace: treat like any holder
            }
            if (lock == null) {
                throw new WorkspaceLockedException(folder, LockHolder.parse(readAll(ch)), "");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.toFileText().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new WorkspaceLock(folder, me, ch, lock);
        } catch (IOException | RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    private static String readAll(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 64 * 1024);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // keep reading until the (small) file is in
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** The process holding this lock: us. */
    LockHolder holder() {
        return holder;
    }

    /** Clears the holder text, then releases the OS lock and the in-JVM claim, in that order. */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                try {
                    channel.truncate(0);
                    channel.force(true);
                } finally {
                    lock.release();
                    channel.close();
                }
            }
        } finally {
            HELD_IN_THIS_JVM.remove(folder, holder);
        }
    }
}
