package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a JSON array of records or JSONL, one record at a time, and maps each with a
 * {@link JsonRowMapper}.
 *
 * <p>JSONL: each non-blank line is a record, decoded as strict UTF-8 on its own, so a malformed line
 * (bad JSON, invalid bytes, trailing garbage) is one reject and the next line reads normally.
 * JSON array: elements are streamed with Jackson's byte-level {@link JsonParser}, which decodes UTF-8
 * strictly itself and knows the exact line of a bad byte (a {@code CharsetDecoder} behind a Reader
 * would fail during read-ahead, before the elements in front of the bad byte were delivered). An
 * element of the wrong shape is one reject, but a syntax error or invalid bytes leave the parser
 * without a way to resynchronise, so that is reported once, at its line, and the rest is not read.
 */
final class JsonRowParser implements RowParser {

    private static final int PROGRESS_EVERY = 256;

    private final JsonRowMapper mapper;
    private final ParseOptions options;

    JsonRowParser(JsonRowMapper mapper, ParseOptions options) {
        this.mapper = mapper;
        this.options = options;
    }

    @Override
    public void parse(Path source, RowSink sink, ProgressListener progress) throws IOException {
        String file = source.toString();
        long size = Files.size(source);
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(source))) {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            if (startsWithArray(buffered)) {
                parseArray(file, buffered, in, size, sink, progress);
            } else {
                parseLines(file, buffered, size, sink, progress);
            }
        }
    }

    /** Peeks past a BOM and whitespace: is the first character {@code [}? */
    private static boolean startsWithArray(BufferedInputStream in) throws IOException {
        in.mark(1 << 15);
        try {
            for (int i = 0, b; i < (1 << 15) && (b = in.read()) >= 0; i++) {
                if (b == 0xef || b == 0xbb || b == 0xbf || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                    continue;
                }
                return b == '[';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private void parseLines(String file, InputStream in, long size, RowSink sink, ProgressListener progress)
            throws IOException {
        Utf8LineReader lines = new Utf8LineReader(in);
        long record = 0;
        while (lines.next()) {
            String text = lines.line();
            if (text != null && text.isBlank()) {
                continue;
            }
            record++;
            SourceRef ref = new SourceRef(file, lines.lineNumber(), record);
            if (text == null) {
                sink.reject(new RejectedRow(ref, lines.error()));
            } else {
                try (JsonParser p = JsonValues.FACTORY.createParser(text)) {
                    p.nextToken();
                    Object value = JsonValues.read(p);
                    if (p.nextToken() != null) {
                        throw new BadRowException("malformed JSON: unexpected content after the record");
                    }
                    emit(value, ref, sink);
                } catch (JsonProcessingException e) {
                    sink.reject(new RejectedRow(ref, "malformed JSON: " + e.getOriginalMessage()));
                } catch (BadRowException e) {
                    sink.reject(new RejectedRow(ref, e.getMessage()));
                }
            }
            if (record % PROGRESS_EVERY == 0) {
                progress.onProgress(Math.min(lines.bytesRead(), size), size);
            }
        }
        progress.onProgress(size, size);
    }

    private void parseArray(String file, InputStream in, CountingInputStream counter, long size, RowSink sink,
                            ProgressListener progress) throws IOException {
        long record = 0;
        try (JsonParser p = JsonValues.FACTORY.createParser(in)) {
            try {
                p.nextToken(); // START_ARRAY, checked by the caller
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of file inside the array");
                    }
                    record++;
                    SourceRef ref = new SourceRef(file, p.currentTokenLocation().getLineNr(), record);
                    Object value = JsonValues.read(p);
                    try {
                        emit(value, ref, sink);
                    } catch (BadRowException e) {
                        sink.reject(new RejectedRow(ref, e.getMessage()));
                    }
                    if (record % PROGRESS_EVERY == 0) {
                        progress.onProgress(Math.min(counter.count(), size), size);
                    }
                }
            } catch (JsonProcessingException e) {
                String message = e.getOriginalMessage();
                String why = message.startsWith("Invalid UTF-8") ? "invalid UTF-8: " + message
                        : "malformed JSON: " + message;
                SourceRef ref = new SourceRef(file, p.currentLocation().getLineNr(), record + 1);
                sink.reject(new RejectedRow(ref, why + "; the rest of the JSON array was not read"));
            }
        }
        progress.onProgress(size, size);
    }

    private void emit(Object value, SourceRef ref, RowSink sink) throws BadRowException {
        Map<String, Object> obj = JsonValues.object(value, "a record");
        Conversation row = mapper.map(obj);
        if (row.isEmpty()) {
            throw new BadRowException("empty conversation");
        }
        String contributor = options.contributorField() == null ? null
                : JsonValues.optionalString(obj, options.contributorField());
        sink.accept(new ParsedRow(row, ref, contributor));
    }

    /** Counts the bytes read from the file, for progress. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
