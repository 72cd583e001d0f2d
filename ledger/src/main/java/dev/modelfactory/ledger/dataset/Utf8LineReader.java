package dev.modelfactory.ledger.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a byte stream line by line ({@code \n}, with an optional {@code \r} before it) and decodes each
 * line as strict UTF-8 (a decoder set to REPORT), so one line with invalid bytes is reported with its
 * line number and the next line reads normally. A UTF-8 byte order mark at the start is skipped.
 *
 * <p>Memory: one line at a time; a line longer than {@link #MAX_LINE_BYTES} is reported as an error
 * and skipped without being held.
 */
final class Utf8LineReader implements Closeable {

    /** Lines longer than this are reported, not read: a guard against a file that is not line-based. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private int lineLen;
    private CharBuffer chars = CharBuffer.allocate(1024);
    private long lineNumber;
    private long bytesRead;
    private String text;
    private String error;
    private boolean eof;

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line. @return false at end of input */
    boolean next() throws IOException {
        if (eof) {
            return false;
        }
        lineLen = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                eof = true;
                if (!sawAny) {
                    return false;
                }
                break;
            }
            sawAny = true;
            int nl = indexOf(chunk, chunkPos, chunkEnd);
            int end = nl < 0 ? chunkEnd : nl;
            if (!tooLong) {
                if ((long) lineLen + (end - chunkPos) > MAX_LINE_BYTES) {
                    tooLong = true;
                } else {
                    append(chunkPos, end);
                }
            }
            chunkPos = nl < 0 ? chunkEnd : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            text = null;
            error = "line longer than " + MAX_LINE_BYTES + " bytes";
            return true;
        }
        int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        int start = lineNumber == 1 && len >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
                && (line[2] & 0xff) == 0xbf ? 3 : 0;
        decode(start, len);
        return true;
    }

    /** The current line's 1-based number. */
    long lineNumber() {
        return lineNumber;
    }

    /** The current line without its line break, or null if it could not be decoded (see {@link #error()}). */
    String line() {
        return text;
    }

    /** Why the current line could not be decoded, or null. */
    String error() {
        return error;
    }

    /** Bytes consumed from the stream so far (read-ahead included). */
    long bytesRead() {
        return bytesRead;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        if (n <= 0) {
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        bytesRead += n;
        return true;
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(chunk, from, line, lineLen, n);
        lineLen += n;
    }

    private void decode(int start, int end) {
        int n = end - start;
        if (chars.capacity() < n) {
            chars = CharBuffer.allocate(Math.max(n, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer bytes = ByteBuffer.wrap(line, start, n);
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            text = null;
            error = "invalid UTF-8 at byte " + (bytes.position() - start + 1) + " of the line";
            return;
        }
        chars.flip();
        text = chars.toString();
        error = null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
