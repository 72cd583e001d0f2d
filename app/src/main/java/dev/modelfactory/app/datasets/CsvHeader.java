package dev.modelfactory.app.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header row of a CSV/TSV file, for the import's column mapping: the first non-empty line, split on the
 * separator with RFC 4180 quotes (a header whose quoted names span lines is not supported: the mapping step
 * then offers the names as read up to the line break).
 */
final class CsvHeader {

    private CsvHeader() {
    }

    /** The column names, stripped, in file order; empty for an empty file. */
    static List<String> read(Path file, char separator) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.isBlank());
            if (line == null) {
                return List.of();
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            return split(line, separator);
        }
    }

    static List<String> split(String line, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                out.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString().strip());
        return out;
    }
}
