package dev.modelfactory.engine.attribution.spans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.IntConsumer;
import java.util.zip.CRC32C;

/**
 * The span index file ({@code .sa}), little-endian:
 * <pre>
 *   0  magic "MFSPANSA" (8 bytes)
 *   8  int32 version (1)
 *  12  int32 documents D
 *  16  int32 rows R
 *  20  int32 text length N (tokens plus one separator per document)
 *  24  int32 CRC32C of every byte from offset 32 to the end
 *  28  int32 reserved, 0
 *  32  int32[D] document start in the text;  int32[D] document row
 *      int32[N] text (token ids, -1 after each document);  int32[N] suffix array of the text
 * </pre>
 * Written to a temporary file and renamed into place, so a reader sees the old file or the whole new one.
 * Opening checks size, checksum and structure and refuses anything else with a
 * {@link SpanIndexFormatException} naming the file; a mapped index never reads out of bounds.
 */
public final class SpanIndexFile {

    static final byte[] MAGIC = "MFSPANSA".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 32;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SpanIndexFile() {
    }

    /** Builds the suffix array of {@code corpus} and writes the index to {@code file} atomically. */
    public static void write(Path file, SpanCorpus corpus) {
        write(file, corpus, SuffixArrays.build(corpus.text()));
    }

    /** As {@link #write(Path, SpanCorpus)}, reporting the suffix-array stages (1..3) to {@code phase}. */
    public static void write(Path file, SpanCorpus corpus, IntConsumer phase) {
        write(file, corpus, SuffixArrays.build(corpus.text(), phase));
    }

    /** Writes {@code corpus} with its (already built) suffix array {@code sa}. */
    public static void write(Path file, SpanCorpus corpus, int[] sa) {
        if (sa.length != corpus.text().length) {
            throw new IllegalArgumentException("suffix array of " + sa.length + " for a text of " + corpus.text().length);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32C crc = new CRC32C();
                ch.position(HEADER);
                writeInts(ch, crc, corpus.docStarts());
                writeInts(ch, crc, corpus.docRows());
                writeInts(ch, crc, corpus.text());
                writeInts(ch, crc, sa);
                ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                h.put(MAGIC).putInt(VERSION).putInt(corpus.documentCount()).putInt(corpus.rowCount())
                        .putInt(corpus.text().length).putInt((int) crc.getValue()).putInt(0).flip();
                ch.position(0);
                while (h.hasRemaining()) {
                    ch.write(h);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write span index " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one reported
                }
            }
        }
    }

    private static void writeInts(FileChannel ch, CRC32C crc, int[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; ) {
            buf.clear();
            int n = Math.min(values.length - i, buf.capacity() / 4);
            buf.asIntBuffer().put(values, i, n);
            buf.limit(n * 4);
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            i += n;
        }
    }

    /** Maps {@code file} read-only after checking it; close the index to unmap. */
    public static SpanIndex open(Path file) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment seg;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < HEADER) {
                    throw new SpanIndexFormatException(file, "truncated: " + size + " bytes, the header alone is " + HEADER);
                }
                seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            SpanIndex index = check(file, seg, arena);
            arena = null;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open span index " + file + ": " + e.getMessage(), e);
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private static SpanIndex check(Path file, MemorySegment seg, Arena arena) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (seg.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]) {
                throw new SpanIndexFormatException(file, "not a span index (magic bytes differ from MFSPANSA)");
            }
        }
        int version = seg.get(INT, 8);
        if (version != VERSION) {
            throw new SpanIndexFormatException(file, "span index version " + version + ", this build reads " + VERSION);
        }
        int docs = seg.get(INT, 12);
        int rows = seg.get(INT, 16);
        int n = seg.get(INT, 20);
        if (docs < 0 || rows < 0 || n < 0) {
            throw new SpanIndexFormatException(file, "negative count in header (documents " + docs + ", rows " + rows
                    + ", text " + n + ")");
        }
        long expected = HEADER + 8L * docs + 8L * n;
        if (seg.byteSize() != expected) {
            throw new SpanIndexFormatException(file, (seg.byteSize() < expected ? "truncated" : "trailing bytes")
                    + ": " + seg.byteSize() + " bytes, the header's counts need " + expected);
        }
        CRC32C crc = new CRC32C();
        for (long off = HEADER; off < expected; off += 1 << 30) {
            crc.update(seg.asSlice(off, Math.min(1L << 30, expected - off)).asByteBuffer());
        }
        if ((int) crc.getValue() != seg.get(INT, 24)) {
            throw new SpanIndexFormatException(file, "corrupt: checksum of the contents does not match the header's");
        }
        SpanIndex index = new SpanIndex(file, seg, arena, docs, rows, n);
        index.checkStructure();
        return index;
    }
}
