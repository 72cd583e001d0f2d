package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Detection;
import dev.modelfactory.ledger.dataset.FormatDetector;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.RowParser;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One import: parse the source on a second thread ({@link RowEncoder}: parse, hash, encode), and commit
 * rows on the caller's thread in batches of {@link ImportOptions#batchSize()}, each batch together with
 * its rejects and the report's counters in one transaction; at the end, rebuild the dataset's
 * exact-duplicate table in one pass ({@link ExactDuplicates}).
 *
 * <p>Why two threads: parsing and hashing cost about a tenth of inserting into H2, so overlapping them
 * frees the committing thread for the inserts (and H2's own background writer uses the rest). Why
 * batches: a cancel (checked at every record by the parser) drops only the batch being filled, and a
 * crash loses only the batch in flight, so the dataset always holds the rows of whole committed
 * batches and the report's counters always match them. Memory: at most {@value #QUEUED_BATCHES} + 2
 * batches of encoded rows, the first {@value #MAX_REJECTS_KEPT} rejects, 8 bytes per row for the
 * in-file duplicate check, and 16 bytes per dataset row during the duplicate pass.
 *
 * <p>Why no index is maintained on the way: see V5__dataset_import_speed_and_flags.sql.
 */
final class DatasetImporter {

    /** Rejects kept with file, line and reason; all are counted. */
    static final int MAX_REJECTS_KEPT = 10_000;
    /** Batches the parser may be ahead of the committer. */
    static final int QUEUED_BATCHES = 2;

    private static final String INSERT_ROW = "INSERT INTO dataset_row (dataset_id, row_hash, norm_hash, norm_key,"
            + " payload, content_length, contributor, licence, allowed_uses, tags, status, import_id, source_file,"
            + " source_line, source_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)";

    private final Database db;

    DatasetImporter(Database db) {
        this.db = db;
    }

    ImportSummary run(long datasetId, Path source, ImportOptions options, ProgressListener progress,
                      CancellationToken cancel) throws IOException {
        long started = System.nanoTime();
        DatasetFormat format = options.format() != null ? options.format() : detect(source, options);
        RowParser parser = RowParser.of(format, options.parse());
        long reportId = startReport(datasetId, source, format, options);
        Committer committer = new Committer(datasetId, reportId, options);
        BlockingQueue<ImportBatch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Thread parsing = Thread.ofPlatform().name("dataset-import-parse-" + reportId).daemon().start(() -> {
            RowEncoder encoder = new RowEncoder(source.toString(), options, cancel, RowEncoder.putInto(queue));
            try {
                parser.parse(source, encoder, progress);
                encoder.finish(null);
            } catch (IOException | RuntimeException | Error e) {
                if (!Thread.currentThread().isInterrupted()) {
                    encoder.abort(e);
                }
            }
        });
        Throwable stop;
        try {
            stop = committer.drain(queue);
        } catch (RuntimeException | Error e) {
            parsing.interrupt();
            joinQuietly(parsing);
            stop = e;
        }
        joinQuietly(parsing);
        String status = stop == null ? "completed" : stop instanceof RowEncoder.Cancelled ? "cancelled" : "failed";
        try {
            new ExactDuplicates(db).rebuild(datasetId);
            finishReport(reportId, status);
        } catch (RuntimeException reportFailure) {
            if (stop == null) {
                throw reportFailure;
            }
            stop.addSuppressed(reportFailure);
        }
        if (stop == null) {
            return committer.summary(format, started, true);
        }
        if (stop instanceof RowEncoder.Cancelled) {
            throw new ImportCancelledException(committer.summary(format, started, false));
        }
        switch (stop) {
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("import failed", stop);
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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

    /** The committing side: takes batches off the queue and commits each in one transaction. */
    private final class Committer {
        private final long datasetId;
        private final long reportId;
        private final ImportOptions options;
        private final int uses;
        private final List<RejectedRow> keptRejects = new ArrayList<>();
        private long committedRows;
        private long committedRejects;
        private long committedDuplicates;
        private long skipped;

        Committer(long datasetId, long reportId, ImportOptions options) {
            this.datasetId = datasetId;
            this.reportId = reportId;
            this.options = options;
            this.uses = Use.mask(options.allowedUses());
        }

        /** Commits batches until the last one; returns why the parse stopped early, or null. */
        Throwable drain(BlockingQueue<ImportBatch> queue) {
            while (true) {
                ImportBatch batch;
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RowEncoder.Cancelled();
                }
                if (batch.stop() != null) {
                    return batch.stop();
                }
                commit(batch);
                if (batch.last()) {
                    return null;
                }
            }
        }

        /** Commits a batch's rows and rejects with the report's counters, in one transaction. */
        private void commit(ImportBatch batch) {
            long newRows = committedRows + batch.rows().size();
            db.inTransaction("import a batch of rows", c -> {
                insertRows(c, batch.rows());
                insertRejects(c, batch.rejects());
                ExactDuplicates.markStale(c, datasetId);
                try (PreparedStatement s = c.prepareStatement("UPDATE import_report SET imported = ?, rejected = ?,"
                        + " duplicates_in_file = ? WHERE id = ?")) {
                    s.setLong(1, newRows);
                    s.setLong(2, batch.rejected());
                    s.setLong(3, batch.duplicates());
                    s.setLong(4, reportId);
                    return s.executeUpdate();
                }
            });
            committedRows = newRows;
            committedRejects = batch.rejected();
            committedDuplicates = batch.duplicates();
            skipped = batch.skipped();
            keptRejects.addAll(batch.rejects());
        }

        private void insertRows(Connection c, List<EncodedRow> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(INSERT_ROW)) {
                for (EncodedRow r : rows) {
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

        private void insertRejects(Connection c, List<RejectedRow> rejects) throws SQLException {
            if (rejects.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO import_reject (report_id, seq, file, line, record, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                int seq = keptRejects.size();
                for (RejectedRow r : rejects) {
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
