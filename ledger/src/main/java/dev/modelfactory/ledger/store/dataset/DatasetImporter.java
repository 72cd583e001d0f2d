package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Contributors;
import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Detection;
import dev.modelfactory.ledger.dataset.FormatDetector;
import dev.modelfactory.ledger.dataset.ParsedRow;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.RowParser;
import dev.modelfactory.ledger.dataset.RowSink;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One import: parse the source with the chosen parser, hash and encode each row, and commit rows in
 * batches of {@link ImportOptions#batchSize()}, each batch together with its rejects and the report's
 * counters in one transaction.
 *
 * <p>Why batches: a cancel (checked at every record) drops only the batch in progress, and a crash
 * loses only that batch too, so the dataset always holds the rows of whole committed batches and the
 * report's counters always match them. Memory: one batch of encoded rows, the first
 * {@value #MAX_REJECTS_KEPT} rejects, and 8 bytes per row for the in-file duplicate check (the first 8
 * bytes of the normalised hash: a row is miscounted as a duplicate only on a 64-bit collision, about
 * 3e-8 for a million rows; the dataset-wide check confirms with the full hash).
 */
final class DatasetImporter {

    /** Rejects kept with file, line and reason; all are counted. */
    static final int MAX_REJECTS_KEPT = 10_000;

    private static final String INSERT_ROW = "INSERT INTO dataset_row (dataset_id, row_hash, norm_hash, norm_key,"
            + " payload, content_length, contributor, licence, allowed_uses, tags, status, import_id, source_file,"
            + " source_line, source_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)";

    private final Database db;

    DatasetImporter(Database db) {
        this.db = db;
    }

    /** A row ready to insert: everything computed outside the transaction. */
    private record Encoded(String rowHash, String normHash, long normKey, String payload, int length, String contributor,
                           String tags, String sourceFile, long line, long record) {
    }

    /** Stops the parse when the caller cancels; carries no stack trace. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    ImportSummary run(long datasetId, Path source, ImportOptions options, ProgressListener progress,
                      CancellationToken cancel) throws IOException {
        long started = System.nanoTime();
        DatasetFormat format = options.format() != null ? options.format() : detect(source, options);
        long reportId = startReport(datasetId, source, format, options);
        Batcher batcher = new Batcher(datasetId, reportId, source.toString(), options, cancel);
        try {
            RowParser.of(format, options.parse()).parse(source, batcher, progress);
            batcher.flush();
        } catch (Cancelled c) {
            ImportSummary partial = batcher.summary(format, started, false);
            finishReport(reportId, "cancelled");
            throw new ImportCancelledException(partial);
        } catch (IOException | RuntimeException | Error e) {
            try {
                finishReport(reportId, "failed");
            } catch (RuntimeException reportFailure) {
                e.addSuppressed(reportFailure);
            }
            throw e;
        }
        finishReport(reportId, "completed");
        return batcher.summary(format, started, true);
    }

    private static DatasetFormat detect(Path source, ImportOptions options) throws IOException {
        Detection d = new FormatDetector(options.parse()).detect(source, 0);
        return d.format().orElseThrow(() -> new IllegalArgumentException("cannot tell the format of " + source
                + ": " + d.explanation() + "; name the format"));
    }

    private long startReport(long datasetId, Path source, DatasetFormat format, ImportOptions o) {
        return db.inTransaction("start import of " + source, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO import_report (dataset_id, source, format,"
                    + " contributor, licence, allowed_uses, started_at, status, imported, rejected, duplicates_in_file)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'running', 0, 0, 0)", Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, datasetId);
                s.setString(2, source.toString());
                s.setString(3, format.cliName());
                s.setString(4, o.contributor());
                s.setString(5, o.licence());
                s.setInt(6, Use.mask(o.allowedUses()));
                s.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
                try (var keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private void finishReport(long reportId, String status) {
        db.inTransaction("finish import report " + reportId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE import_report SET status = ?, finished_at = ? WHERE id = ?")) {
                s.setString(1, status);
                s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                s.setLong(3, reportId);
                return s.executeUpdate();
            }
        });
    }

    /** The sink: encodes rows, keeps rejects, and commits a batch whenever one is full. */
    private final class Batcher implements RowSink {
        private final long datasetId;
        private final long reportId;
        private final String source;
        private final ImportOptions options;
        private final CancellationToken cancel;
        private final int uses;
        private final LongHashSet seen = new LongHashSet();
        private final List<Encoded> rows;
        private final List<RejectedRow> pendingRejects = new ArrayList<>();
        private final List<RejectedRow> keptRejects = new ArrayList<>();
        private long committedRows;
        private long committedRejects;
        private long committedDuplicates;
        private long rejects;
        private long duplicates;
        private long skipped;

        Batcher(long datasetId, long reportId, String source, ImportOptions options, CancellationToken cancel) {
            this.datasetId = datasetId;
            this.reportId = reportId;
            this.source = source;
            this.options = options;
            this.cancel = cancel;
            this.uses = Use.mask(options.allowedUses());
            this.rows = new ArrayList<>(options.batchSize());
        }

        @Override
        public void accept(ParsedRow parsed) {
            checkCancel();
            Conversation row = parsed.row();
            String contributor = options.contributor();
            if (parsed.contributor() != null) {
                try {
                    contributor = Contributors.canonical(parsed.contributor());
                } catch (IllegalArgumentException e) {
                    reject(new RejectedRow(parsed.source(), "invalid contributor: " + e.getMessage()));
                    return;
                }
            }
            String payload = RowJson.write(row);
            if (payload.length() > 1_000_000) {
                reject(new RejectedRow(parsed.source(), "row too large: " + payload.length()
                        + " characters stored, the limit is 1000000"));
                return;
            }
            String norm = RowHash.normalised(row);
            long normKey = normKey(norm);
            if (!seen.add(normKey)) {
                duplicates++;
                if (options.skipDuplicatesInFile()) {
                    skipped++;
                    return;
                }
            }
            String file = parsed.source().file().equals(source) ? null : parsed.source().file();
            rows.add(new Encoded(RowHash.of(row), norm, normKey, payload, (int) Math.min(Integer.MAX_VALUE, row.contentLength()),
                    contributor, tags(row.tags()), file, parsed.source().line(), parsed.source().record()));
            if (rows.size() >= options.batchSize()) {
                flush();
            }
        }

        @Override
        public void reject(RejectedRow rejected) {
            checkCancel();
            rejects++;
            if (keptRejects.size() + pendingRejects.size() < MAX_REJECTS_KEPT) {
                pendingRejects.add(rejected);
            }
        }

        private void checkCancel() {
            if (cancel.isCancellationRequested()) {
                throw new Cancelled();
            }
        }

        /** Commits the pending rows and rejects with the report's counters, in one transaction. */
        void flush() {
            long newRows = committedRows + rows.size();
            long newDuplicates = duplicates;
            long newRejects = rejects;
            db.inTransaction("import a batch of rows", c -> {
                insertRows(c);
                insertRejects(c);
                try (PreparedStatement s = c.prepareStatement("UPDATE import_report SET imported = ?, rejected = ?,"
                        + " duplicates_in_file = ? WHERE id = ?")) {
                    s.setLong(1, newRows);
                    s.setLong(2, newRejects);
                    s.setLong(3, newDuplicates);
                    s.setLong(4, reportId);
                    return s.executeUpdate();
                }
            });
            committedRows = newRows;
            committedRejects = newRejects;
            committedDuplicates = newDuplicates;
            keptRejects.addAll(pendingRejects);
            pendingRejects.clear();
            rows.clear();
        }

        private void insertRows(Connection c) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(INSERT_ROW)) {
                for (Encoded r : rows) {
                    s.setLong(1, datasetId);
                    s.setString(2, r.rowHash());
                    s.setString(3, r.normHash());
                    s.setLong(4, r.normKey());
                    s.setString(5, r.payload());
                    s.setInt(6, r.length());
                    s.setString(7, r.contributor());
                    s.setString(8, options.licence());
                    s.setInt(9, uses);
                    s.setString(10, r.tags());
                    s.setLong(11, reportId);
                    if (r.sourceFile() == null) {
                        s.setNull(12, Types.VARCHAR);
                    } else {
                        s.setString(12, r.sourceFile());
                    }
                    s.setLong(13, r.line());
                    s.setLong(14, r.record());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        private void insertRejects(Connection c) throws SQLException {
            if (pendingRejects.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO import_reject (report_id, seq, file, line, record, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                int seq = keptRejects.size();
                for (RejectedRow r : pendingRejects) {
                    s.setLong(1, reportId);
                    s.setInt(2, ++seq);
                    s.setString(3, r.source().file());
                    s.setLong(4, r.source().line());
                    s.setLong(5, r.source().record());
                    s.setString(6, r.reason());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        /** The summary of what was committed. */
        ImportSummary summary(DatasetFormat format, long startedNanos, boolean completed) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
            long records = committedRows + committedRejects + (completed ? skipped : 0);
            return new ImportSummary(reportId, datasetId, format, committedRows, committedRejects, keptRejects,
                    committedDuplicates, elapsed, records / seconds, completed);
        }
    }

    /** The index key of a normalised hash: its first 8 bytes as a (signed) long. */
    static long normKey(String normHash) {
        return Long.parseUnsignedLong(normHash, 0, 16, 16);
    }

    /** Tags as stored: {@code |a|b|}, a bar inside a tag replaced by {@code /}; untagged is {@code ""}. */
    static String tags(List<String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("|");
        for (String t : tags) {
            sb.append(t.replace('|', '/')).append('|');
        }
        return sb.toString();
    }
}
