package dev.modelfactory.engine.attribution.influence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one sketch file row by row into a temporary file next to its target and renames it into place only
 * when every row is there ({@link #finish}); {@link #close} without finishing removes the temporary file, so
 * a target either does not exist or is complete. Layout: a {@link SketchMatrix#HEADER}-byte header (magic,
 * version, rows, dims) then rows x dims little-endian floats.
 */
public final class SketchWriter implements AutoCloseable {

    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final int rows;
    private final int dims;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private int written;
    private boolean done;

    public SketchWriter(Path target, int rows, int dims) {
        this.target = target;
        this.rows = rows;
        this.dims = dims;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            this.tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-" + target.getFileName(), "");
            this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target + ": " + e.getMessage(), e);
        }
        this.buffer = ByteBuffer.allocate(Math.max(SketchMatrix.HEADER, dims * 4)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(SketchMatrix.MAGIC).putInt(SketchManifest.FORMAT).putInt(rows).putInt(dims);
        while (buffer.position() < SketchMatrix.HEADER) {
            buffer.put((byte) 0);
        }
        flush();
    }

    /** Appends the next row ({@code dims} floats). */
    public void write(float[] row) {
        if (row.length != dims) {
            throw new IllegalArgumentException("sketch row: expected " + dims + " floats, got " + row.length);
        }
        if (written == rows) {
            throw new IllegalStateException(target + ": all " + rows + " rows are already written");
        }
        for (float v : row) {
            buffer.putFloat(v);
        }
        flush();
        written++;
    }

    private void flush() {
        buffer.flip();
        crc.update(buffer.duplicate());
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    /** Syncs and renames the file into place; returns its length and CRC-32C for the manifest. */
    public SketchManifest.CheckpointSketch finish(int step, double learningRate) {
        if (written != rows) {
            throw new IllegalStateException(target + ": " + written + " of " + rows + " rows written");
        }
        try {
            channel.force(true);
            long bytes = channel.size();
            channel.close();
            move(tmp, target);
            done = true;
            return new SketchManifest.CheckpointSketch(step, learningRate, target.getFileName().toString(), bytes,
                    crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a leftover .tmp- file is never read; the next write of this folder replaces its target anyway
        }
    }
}
