package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.ExportWriter;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Streams a version's (or the working set's) rows into a file of an {@link dev.modelfactory.ledger.dataset.ExportFormat}.
 *
 * <p>Memory: one page of {@value #PAGE} rows at a time (keyset paging, each page its own short read).
 * Atomic: the file is written to a temp file beside the target, forced to disk, and renamed over the
 * target only when complete; a failure or cancel removes the temp file and leaves any old file as it was.
 *
 * <p>Order: a version's rows by row hash (rows with equal hashes are identical), so exporting a
 * version gives the same bytes whatever happened to the dataset since; tags are left out (they are live curation metadata,
 * not part of a version). The working set's rows not rejected, in row id order, with their tags.
 */
final class DatasetExporter {

    /** Skipped rows kept with their reason; all are counted. */
    static final int MAX_SKIPS_KEPT = 1_000;
    private static final int PAGE = 1_000;

    private final Database db;

    DatasetExporter(Database db) {
        this.db = db;
    }

    /** One page of rows to write. */
    private record Item(long id, String rowHash, String payload, String tags) {
    }

    ExportSummary exportVersion(DatasetVersion version, Path out, ExportOptions options, ProgressListener progress,
                                CancellationToken cancel) throws IOException {
        long versionId = db.withConnection("find version " + version.shortRoot(), c -> Versions.id(c, version));
        String split = options.split() == null ? "" : " AND v.split = '" + options.split().wire() + "'";
        long total = count("SELECT COUNT(*) FROM version_row v WHERE v.version_id = ?" + split, versionId);
        // ORDER BY version_id, row_hash lets H2 read the (version_id, row_hash) index in order and stop at
        // the page's end (any other order makes it sort the rest of the version for every page). Rows with
        // equal hashes are identical, so ties at a page boundary are skipped by count (OFFSET).
        Pager pager = (lastHash, tiesDone) -> page("SELECT v.row_id, v.row_hash, r.payload, '' FROM version_row v JOIN"
                + " dataset_row r ON r.id = v.row_id WHERE v.version_id = ?" + split + " AND v.row_hash >= ?"
                + " ORDER BY v.version_id, v.row_hash LIMIT " + PAGE + " OFFSET ?", versionId, lastHash, tiesDone);
        return write("version " + version.root(), out, options, false, total, pager, true, progress, cancel);
    }

    ExportSummary exportWorkingSet(long datasetId, Path out, ExportOptions options, ProgressListener progress,
                                   CancellationToken cancel) throws IOException {
        String split = options.split() == null ? "" : " AND r.split = '" + options.split().wire() + "'";
        String where = " WHERE r.dataset_id = ? AND r.status <> 'rejected'" + split;
        long total = count("SELECT COUNT(*) FROM dataset_row r" + where, datasetId);
        // "dataset_id + 0" keeps H2 off the dataset_id index, on a primary-key range in id order that stops
        // at the page's end; with that index it would sort the rest of the working set for every page.
        Pager pager = (lastHash, lastId) -> page("SELECT r.id, r.row_hash, r.payload, r.tags FROM dataset_row r"
                + " WHERE r.dataset_id + 0 = ? AND r.status <> 'rejected'" + split
                + " AND r.id > ? ORDER BY r.id LIMIT " + PAGE, datasetId, lastId);
        return write("working set", out, options, true, total, pager, false, progress, cancel);
    }

    /**
     * The next page. Versions page by row hash: {@code position} is how many rows with hash
     * {@code lastHash} were read already. The working set pages by id: {@code position} is the last id.
     * The first page is {@code after("", -1)} for the working set, {@code after("", 0)} for a version.
     */
    @FunctionalInterface
    private interface Pager {
        List<Item> after(String lastHash, long position);
    }

    private ExportSummary write(String source, Path out, ExportOptions options, boolean withTags, long total, Pager pager,
                                boolean byHash, ProgressListener progress, CancellationToken cancel) throws IOException {
        long started = System.nanoTime();
        Path target = out.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        ExportWriter writer = ExportWriter.of(options.format(), withTags);
        MessageDigest digest = sha256();
        long written = 0;
        long skippedCount = 0;
        List<ExportSummary.SkippedRow> skipped = new ArrayList<>();
        boolean done = false;
        try {
            try (OutputStream file = Files.newOutputStream(temp);
                 Writer w = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(file, digest),
                         StandardCharsets.UTF_8), 1 << 16)) {
                writer.begin(w);
                String lastHash = "";
                long position = byHash ? 0 : -1;
                for (List<Item> page = pager.after(lastHash, position); !page.isEmpty(); page = pager.after(lastHash, position)) {
                    for (Item item : page) {
                        if (cancel.isCancellationRequested()) {
                            throw new CancellationException("export cancelled");
                        }
                        Optional<String> problem = writer.write(RowJson.read(item.payload(), RowQueries.parseTags(item.tags())), w);
                        if (problem.isPresent()) {
                            skippedCount++;
                            if (options.strict()) {
                                throw new IllegalArgumentException("row " + item.id() + " (" + item.rowHash().substring(0, 12)
                                        + ") cannot be exported as " + options.format().cliName() + ": " + problem.get());
                            }
                            if (skipped.size() < MAX_SKIPS_KEPT) {
                                skipped.add(new ExportSummary.SkippedRow(item.id(), item.rowHash(), problem.get()));
                            }
                        } else {
                            written++;
                        }
                        if (!byHash) {
                            position = item.id();
                        } else if (item.rowHash().equals(lastHash)) {
                            position++;
                        } else {
                            lastHash = item.rowHash();
                            position = 1;
                        }
                    }
                    progress.onProgress(written + skippedCount, total);
                }
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + ": its file system cannot rename atomically", e);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        return new ExportSummary(target, options.format(), source, written, skippedCount, skipped,
                HexFormat.of().formatHex(digest.digest()), Duration.ofNanos(System.nanoTime() - started));
    }

    private List<Item> page(String sql, Object... params) {
        return db.withConnection("read rows to export", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                List<Item> out = new ArrayList<>(PAGE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return out;
            }
        });
    }

    private long count(String sql, long id) {
        return db.withConnection("count rows to export", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
