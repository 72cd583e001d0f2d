package dev.modelfactory.ledger.dataset;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one file (or folder) of one format into rows and rejects, in file order, holding at most one
 * record in memory.
 *
 * <p>Bad records are reported to the sink and parsing goes on; only where the format makes the rest
 * unreadable (a syntax error inside a JSON array) does the parser report that and stop.
 */
public interface RowParser {

    /**
     * @param source   the file, or for {@link DatasetFormat#TEXT} a folder or a single file
     * @param sink     receives rows and rejects
     * @param progress bytes read so far out of the source's size (for ETA); called every few hundred records
     * @throws IOException if the source cannot be read at all (missing, unreadable); bad content is
     *                     never an exception, it is a reject
     */
    void parse(Path source, RowSink sink, ProgressListener progress) throws IOException;

    /** The parser for {@code format}. */
    static RowParser of(DatasetFormat format, ParseOptions options) {
        return switch (format) {
            case ALPACA, SHAREGPT, OPENAI -> new JsonRowParser(JsonRowMapper.of(format), options);
            case CSV -> new CsvRowParser(',', options);
            case TSV -> new CsvRowParser('\t', options);
            case TEXT -> new TextFolderParser();
        };
    }
}
