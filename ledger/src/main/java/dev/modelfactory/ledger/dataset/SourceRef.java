package dev.modelfactory.ledger.dataset;

import java.util.Objects;

/**
 * Where a row or a reject came from, for messages a user can act on ("data.jsonl line 1207: ...").
 *
 * @param file   the file as the user named it (for a folder import: the path relative to the folder)
 * @param line   1-based line where the record starts
 * @param record 1-based index of the record in the file (JSONL: non-blank lines; JSON array: elements;
 *               CSV: data records after the header; folder: 1 per file)
 */
public record SourceRef(String file, long line, long record) {

    public SourceRef {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + " line " + line + " (record " + record + ")";
    }
}
