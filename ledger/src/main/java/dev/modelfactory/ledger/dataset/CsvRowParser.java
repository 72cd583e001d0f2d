package dev.modelfactory.ledger.dataset;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV or TSV with a header row (RFC 4180 quoting: fields in double quotes may hold the separator,
 * line breaks and doubled quotes), each record mapped to a row by a {@link ColumnMapping}.
 *
 * <p>Line numbers are physical lines where a record starts; record numbers count data records after
 * the header. A header that cannot be mapped rejects line 1 and stops (nothing could be read right).
 */
final class CsvRowParser implements RowParser {

    private final char separator;
    private final ParseOptions options;

    CsvRowParser(char separator, ParseOptions options) {
        this.separator = separator;
        this.options = options;
    }

    @Override
    public void parse(Path source, RowSink sink, ProgressListener progress) throws IOException {
        String file = source.toString();
        long size = Files.size(source);
        try (Utf8LineReader lines = new Utf8LineReader(Files.newInputStream(source))) {
            RecordReader reader = new RecordReader(lines);
            List<String> header = reader.next();
            if (header == null) {
                return;
            }
            if (reader.error != null) {
                sink.reject(new RejectedRow(new SourceRef(file, reader.startLine, 0), "header: " + reader.error));
                return;
            }
            ColumnMapping mapping = options.mapping() != null ? options.mapping() : ColumnMapping.guess(header).orElse(null);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).strip(), i);
            }
            String problem = mappingProblem(mapping, index, header);
            if (problem != null) {
                sink.reject(new RejectedRow(new SourceRef(file, 1, 0), problem));
                return;
            }
            long record = 0;
            List<String> fields;
            while ((fields = reader.next()) != null) {
                record++;
                SourceRef ref = new SourceRef(file, reader.startLine, record);
                if (reader.error != null) {
                    sink.reject(new RejectedRow(ref, reader.error));
                } else if (fields.size() != header.size()) {
                    sink.reject(new RejectedRow(ref, "expected " + header.size() + " fields as in the header, got "
                            + fields.size()));
                } else {
                    emit(fields, index, mapping, ref, sink);
                }
                if (record % 256 == 0) {
                    progress.onProgress(Math.min(lines.bytesRead(), size), size);
                }
            }
        }
        progress.onProgress(size, size);
    }

    private String mappingProblem(ColumnMapping mapping, Map<String, Integer> index, List<String> header) {
        if (mapping == null) {
            return "cannot tell which columns hold the rows (header: " + String.join(", ", header)
                    + "); give a column mapping";
        }
        if (mapping.text() == null && (mapping.instruction() == null || mapping.output() == null)) {
            return "a column mapping needs a text column, or instruction and output columns";
        }
        List<String> wanted = new ArrayList<>(mapping.columns());
        if (options.contributorField() != null) {
            wanted.add(options.contributorField());
        }
        for (String c : wanted) {
            if (!index.containsKey(c.strip())) {
                return "the header has no column '" + c + "' (header: " + String.join(", ", header) + ")";
            }
        }
        return null;
    }

    private void emit(List<String> f, Map<String, Integer> index, ColumnMapping m, SourceRef ref, RowSink sink) {
        List<String> tags = m.tags() == null ? List.of() : Tags.split(get(f, index, m.tags()));
        Conversation row;
        if (m.text() != null) {
            row = new Conversation(List.of(), get(f, index, m.text()), null, tags);
        } else {
            List<Message> messages = new ArrayList<>(3);
            String system = get(f, index, m.system());
            if (system != null && !system.isBlank()) {
                messages.add(Message.of(Role.SYSTEM, system));
            }
            String input = get(f, index, m.input());
            String instruction = get(f, index, m.instruction());
            messages.add(Message.of(Role.USER, input == null || input.isBlank() ? instruction : instruction + "\n\n" + input));
            messages.add(Message.of(Role.ASSISTANT, get(f, index, m.output())));
            row = new Conversation(messages, null, null, tags);
        }
        if (row.isEmpty()) {
            sink.reject(new RejectedRow(ref, "empty conversation"));
            return;
        }
        String contributor = options.contributorField() == null ? null : get(f, index, options.contributorField());
        sink.accept(new ParsedRow(row, ref, contributor == null || contributor.isBlank() ? null : contributor.strip()));
    }

    private static String get(List<String> fields, Map<String, Integer> index, String column) {
        return column == null ? null : fields.get(index.get(column.strip()));
    }

    /** Splits lines into records, joining lines while a quoted field is open. */
    private final class RecordReader {
        private final Utf8LineReader lines;
        long startLine;
        String error;

        RecordReader(Utf8LineReader lines) {
            this.lines = lines;
        }

        /** @return the next record's fields, or null at end of input; {@link #error} says if it is bad */
        List<String> next() throws IOException {
            error = null;
            String line;
            do {
                if (!lines.next()) {
                    return null;
                }
                line = lines.line();
            } while (line != null && line.isEmpty());
            startLine = lines.lineNumber();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (line == null) {
                    error = lines.error() + " (line " + lines.lineNumber() + ")";
                    if (!quoted) {
                        return fields;
                    }
                    line = ""; // keep consuming the quoted record so the next record starts cleanly
                }
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted) {
                        if (c == '"') {
                            if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                quoted = false;
                            }
                        } else {
                            field.append(c);
                        }
                    } else if (c == '"' && field.isEmpty()) {
                        quoted = true;
                    } else if (c == separator) {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else {
                        field.append(c);
                    }
                }
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                if (!lines.next()) {
                    error = "unterminated quoted field at end of file";
                    fields.add(field.toString());
                    return fields;
                }
                field.append('\n');
                line = lines.line();
            }
        }
    }
}
