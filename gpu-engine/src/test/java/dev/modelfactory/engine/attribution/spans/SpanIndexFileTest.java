package dev.modelfactory.engine.attribution.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not whole, valid span indexes are refused with the file named, never read out of bounds. */
class SpanIndexFileTest {

    @TempDir
    Path dir;

    Path good() {
        Path f = dir.resolve("good.sa");
        SpanIndexFile.write(f, new SpanCorpus.Builder().add(0, new int[] {5, 6, 7, 5, 6}).add(1, new int[] {6, 7})
                .build());
        return f;
    }

    SpanIndexFormatException refused(Path f) {
        SpanIndexFormatException e = assertThrows(SpanIndexFormatException.class, () -> SpanIndexFile.open(f).close());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertEquals(f, e.file());
        return e;
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(good());
        for (int len : new int[] {0, 7, 31, 32, b.length / 2, b.length - 1}) {
            Path f = dir.resolve("cut" + len + ".sa");
            Files.write(f, Arrays.copyOf(b, len));
            assertTrue(refused(f).getMessage().contains("truncated"), "length " + len);
        }
        Path longer = dir.resolve("long.sa");
        Files.write(longer, Arrays.copyOf(b, b.length + 4));
        assertTrue(refused(longer).getMessage().contains("trailing bytes"));
    }

    @Test
    void everyFlippedBodyByteIsCaught() throws IOException {
        byte[] b = Files.readAllBytes(good());
        for (int i = SpanIndexFile.HEADER; i < b.length; i++) {
            byte[] c = b.clone();
            c[i] ^= 0x10;
            Path f = dir.resolve("flip.sa");
            Files.write(f, c);
            assertTrue(refused(f).getMessage().contains("checksum"), "byte " + i);
        }
    }

    @Test
    void badMagicAndVersionAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(good());
        byte[] m = b.clone();
        m[0] = 'X';
        Files.write(dir.resolve("magic.sa"), m);
        assertTrue(refused(dir.resolve("magic.sa")).getMessage().contains("not a span index"));
        byte[] v = b.clone();
        v[8] = 9;
        Files.write(dir.resolve("v.sa"), v);
        assertTrue(refused(dir.resolve("v.sa")).getMessage().contains("version 9"));
    }

    /** A crafted file with a valid checksum but impossible contents fails the structure check. */
    @Test
    void craftedContentsAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(good());
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int docs = bb.getInt(12);
        int n = bb.getInt(20);
        int saOff = SpanIndexFile.HEADER + 8 * docs + 4 * n;
        assertTrue(refused(recrc(withInt(b, saOff + 4, n + 3), "sa.sa")).getMessage().contains("suffix array entry 1"));
        int rowOff = SpanIndexFile.HEADER + 4 * docs;
        assertTrue(refused(recrc(withInt(b, rowOff + 4, 7), "row.sa")).getMessage().contains("row 7"));
        int textOff = SpanIndexFile.HEADER + 8 * docs;
        assertTrue(refused(recrc(withInt(b, textOff + 4 * 5, 3), "sep.sa")).getMessage().contains("separator"));
        assertTrue(refused(recrc(withInt(b, textOff, -5), "neg.sa")).getMessage().contains("holds -5"));
    }

    static byte[] withInt(byte[] b, int off, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(off, value);
        return c;
    }

    Path recrc(byte[] b, String name) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(b, SpanIndexFile.HEADER, b.length - SpanIndexFile.HEADER);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, (int) crc.getValue());
        Path f = dir.resolve(name);
        Files.write(f, b);
        return f;
    }

    @Test
    void rewriteReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = good();
        SpanIndexFile.write(f, new SpanCorpus.Builder().add(0, new int[] {1}).build());
        try (SpanIndex idx = SpanIndexFile.open(f)) {
            assertEquals(1, idx.tokenCount());
        }
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
