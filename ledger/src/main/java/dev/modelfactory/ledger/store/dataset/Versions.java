package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.MerkleTree;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits, freezing, version lookup, diff and verification: the version half of {@link DatasetStore}.
 *
 * <p>Freezing, in one transaction: copy the membership (row id, row hash, split, contributor, uses) of
 * every row not rejected into {@code version_row}, then stream those copies in leaf order through the
 * {@link MerkleTree}; the root becomes the version's id. Reading the copies rather than the live rows
 * means the root always matches exactly the membership stored, even while an import is committing.
 * Freezing rows identical (with identical splits) to an existing version of the dataset returns that
 * version instead of a duplicate.
 */
final class Versions {

    /** Leaf order: row hash, then split code (null = 0). */
    static final String LEAF_ORDER = " ORDER BY v.row_hash, CASE v.split WHEN 'train' THEN 1"
            + " WHEN 'validation' THEN 2 WHEN 'test' THEN 3 ELSE 0 END";
    private static final String VERSION_COLUMNS = "v.id, v.dataset_id, v.root, v.row_count, v.created_at, p.root,"
            + " v.label, v.split_train, v.split_validation, v.split_test, v.split_seed";
    private static final String FROM_VERSIONS = " FROM dataset_version v LEFT JOIN dataset_version p ON p.id = v.parent_id";
    private static final int FETCH = 1_000;
    /** Row ids per INSERT of a freeze. */
    private static final long COPY_SLICE = 50_000;

    private final Database db;

    Versions(Database db) {
        this.db = db;
    }

    /** Rolls the freeze back because an identical version exists; carries it. */
    private static final class AlreadyFrozen extends RuntimeException {
        final transient DatasetVersion existing;

        AlreadyFrozen(DatasetVersion existing) {
            super(null, null, false, false);
            this.existing = existing;
        }
    }

    /** Freezes the rows not rejected with their current splits ({@link DatasetStore#freeze} assigns a requested split first). */
    DatasetVersion freeze(long datasetId, FreezeOptions options, ProgressListener progress, CancellationToken cancel) {
        try {
            return db.inTransaction("freeze dataset " + datasetId, c -> freezeIn(c, datasetId, options, progress, cancel));
        } catch (AlreadyFrozen same) {
            return same.existing;
        }
    }

    private DatasetVersion freezeIn(Connection c, long datasetId, FreezeOptions o, ProgressListener progress,
                                    CancellationToken cancel) throws SQLException {
        CurationHistory.lockDataset(c, datasetId); // not while an edit moves frozen content aside (see CurationHistory)
        Long parent = null;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(id) FROM dataset_version WHERE dataset_id = ?")) {
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                parent = rs.getObject(1, Long.class);
            }
        }
        long versionId;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset_version (dataset_id, root, row_count,"
                + " created_at, parent_id, label, split_train, split_validation, split_test, split_seed)"
                + " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            byte[] placeholder = new byte[32]; // replaced by the root below, in this transaction
            ThreadLocalRandom.current().nextBytes(placeholder);
            s.setLong(1, datasetId);
            s.setString(2, HexFormat.of().formatHex(placeholder));
            s.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            s.setObject(4, parent);
            s.setString(5, o.label());
            SplitSpec spec = o.split();
            s.setObject(6, spec == null ? null : spec.train());
            s.setObject(7, spec == null ? null : spec.validation());
            s.setObject(8, spec == null ? null : spec.test());
            s.setObject(9, spec == null ? null : spec.seed());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                versionId = keys.getLong(1);
            }
        }
        long[] range = idRange(c, datasetId);
        long total = 2 * range[2];
        long done = 0;
        // Copied in slices of row ids (through the (dataset_id, id) index), so a cancel is seen between slices.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO version_row (version_id, row_id, row_hash, split,"
                + " contributor, allowed_uses) SELECT ?, id, row_hash, split, contributor, allowed_uses FROM dataset_row"
                + " USE INDEX (dataset_row_keys) WHERE dataset_id = ? AND id >= ? AND id < ? AND status <> 'rejected'")) {
            for (long from = range[0]; from <= range[1]; from += COPY_SLICE) {
                checkCancel(cancel);
                s.setLong(1, versionId);
                s.setLong(2, datasetId);
                s.setLong(3, from);
                s.setLong(4, Math.min(range[1] + 1, from + COPY_SLICE));
                s.executeUpdate();
                done = Math.min(range[2], done + COPY_SLICE);
                progress.onProgress(done, total);
            }
        }
        MerkleTree tree = new MerkleTree();
        try (PreparedStatement s = c.prepareStatement("SELECT v.row_hash, v.split FROM version_row v"
                + " WHERE v.version_id = ?" + LEAF_ORDER)) {
            s.setFetchSize(FETCH);
            s.setLong(1, versionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tree.add(rs.getString(1), Split.ofWire(rs.getString(2)));
                    if (tree.size() % FETCH == 0) {
                        checkCancel(cancel);
                        progress.onProgress(Math.min(total, range[2] + tree.size()), total);
                    }
                }
            }
        }
        if (tree.size() == 0) {
            throw new IllegalStateException("nothing to freeze: dataset " + datasetId + " has no rows that are not rejected");
        }
        String root = tree.root();
        Optional<DatasetVersion> same = select(c, " WHERE v.dataset_id = ? AND v.root = ?", datasetId, root)
                .stream().findFirst();
        if (same.isPresent()) {
            throw new AlreadyFrozen(same.get());
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE dataset_version SET root = ?, row_count = ? WHERE id = ?")) {
            s.setString(1, root);
            s.setLong(2, tree.size());
            s.setLong(3, versionId);
            s.executeUpdate();
        }
        return select(c, " WHERE v.id = ?", versionId).getFirst();
    }

    /** Smallest and largest row id of the dataset's working set, and how many rows it has. */
    private static long[] idRange(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(id), MAX(id), COUNT(*) FROM dataset_row"
                + " USE INDEX (dataset_row_keys) WHERE dataset_id = ?")) {
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? new long[] {1, 0, 0} : new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static void checkCancel(CancellationToken cancel) {
        if (cancel.isCancellationRequested()) {
            throw new CancellationException("freeze cancelled; no version was made");
        }
    }

    List<DatasetVersion> list(long datasetId) {
        return db.withConnection("list versions of dataset " + datasetId,
                c -> select(c, " WHERE v.dataset_id = ? ORDER BY v.id", datasetId));
    }

    /** By full root, or by a unique root prefix of at least 6 hex characters. */
    Optional<DatasetVersion> find(long datasetId, String rootOrPrefix) {
        String typed = rootOrPrefix.strip().toLowerCase(Locale.ROOT);
        if (typed.length() < 6 || !typed.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return Optional.empty();
        }
        List<DatasetVersion> found = db.withConnection("find version " + typed, c -> select(c,
                " WHERE v.dataset_id = ? AND v.root LIKE ? ORDER BY v.root", datasetId, typed + "%"));
        if (found.size() > 1) {
            throw new AmbiguousReferenceException("version", typed, found.stream()
                    .map(v -> v.shortRoot() + " (" + (v.label() == null ? v.rowCount() + " rows" : v.label()) + ")")
                    .toList());
        }
        return found.stream().findFirst();
    }

    VersionDiff diff(DatasetVersion from, DatasetVersion to) {
        return db.withConnection("diff versions", c -> {
            long a = id(c, from);
            long b = id(c, to);
            long added = countMissing(c, b, a);
            long removed = countMissing(c, a, b);
            return new VersionDiff(from.root(), to.root(), added, removed, to.rowCount() - added);
        });
    }

    /** Rows of version {@code of} whose hash version {@code other} lacks, a page at a time. */
    List<DatasetRow> missingRows(DatasetVersion of, DatasetVersion other, long offset, int limit) {
        return db.withConnection("list diff rows", c -> {
            RowQueries.Where where = new RowQueries.Where(" WHERE v.version_id = ? AND NOT EXISTS (SELECT 1 FROM"
                    + " version_row o WHERE o.version_id = ? AND o.row_hash = v.row_hash)", List.of(id(c, of), id(c, other)));
            return RowQueries.list(c, "SELECT " + RowQueries.VERSION_ROW_COLUMNS + " FROM version_row v JOIN dataset_row r"
                    + " ON r.id = v.row_id LEFT JOIN import_report ir ON ir.id = r.import_id" + where.sql()
                    + " ORDER BY v.row_id LIMIT ? OFFSET ?", where, limit, offset);
        });
    }

    /** A version's rows (optionally one split), in row id order, with their frozen split and terms. */
    List<DatasetRow> rows(DatasetVersion version, Split split, long offset, int limit) {
        return rowsFrom(version, split, Long.MIN_VALUE, offset, limit);
    }

    /**
     * Rows with a row id above {@code afterRowId}, in row id order: a range over the (version_id, row_id)
     * key, so reading a whole version page by page costs one pass, where OFFSET paging re-reads every
     * earlier row for each page.
     */
    List<DatasetRow> rowsAfter(DatasetVersion version, Split split, long afterRowId, int limit) {
        return rowsFrom(version, split, afterRowId, 0, limit);
    }

    private List<DatasetRow> rowsFrom(DatasetVersion version, Split split, long afterRowId, long offset, int limit) {
        return db.withConnection("list rows of version " + version.shortRoot(), c -> {
            List<Object> params = new ArrayList<>(List.of(id(c, version)));
            String sql = " WHERE v.version_id = ?";
            if (afterRowId != Long.MIN_VALUE) {
                sql += " AND v.row_id > ?";
                params.add(afterRowId);
            }
            if (split != null) {
                sql += " AND v.split = ?";
                params.add(split.wire());
            }
            RowQueries.Where where = new RowQueries.Where(sql, params);
            return RowQueries.list(c, "SELECT " + RowQueries.VERSION_ROW_COLUMNS + " FROM version_row v JOIN dataset_row r"
                    + " ON r.id = v.row_id LEFT JOIN import_report ir ON ir.id = r.import_id" + where.sql()
                    + " ORDER BY v.row_id LIMIT ? OFFSET ?", where, limit, offset);
        });
    }

    /**
     * Recomputes every row hash from the stored payloads and the root from those hashes.
     *
     * @return true if every payload still hashes to its recorded row hash and the root matches
     */
    boolean verify(DatasetVersion version) {
        return db.withConnection("verify version " + version.shortRoot(), c -> {
            MerkleTree tree = new MerkleTree();
            try (PreparedStatement s = c.prepareStatement("SELECT v.row_hash, v.split, r.payload FROM version_row v"
                    + " JOIN dataset_row r ON r.id = v.row_id WHERE v.version_id = ?" + LEAF_ORDER)) {
                s.setFetchSize(FETCH);
                s.setLong(1, id(c, version));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String recomputed = RowHash.of(RowJson.read(rs.getString(3), List.of()));
                        if (!recomputed.equals(rs.getString(1))) {
                            return false;
                        }
                        tree.add(recomputed, Split.ofWire(rs.getString(2)));
                    }
                }
            }
            return tree.size() == version.rowCount() && tree.root().equals(version.root());
        });
    }

    /** The internal id of a version. */
    static long id(Connection c, DatasetVersion v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM dataset_version WHERE dataset_id = ? AND root = ?")) {
            s.setLong(1, v.datasetId());
            s.setString(2, v.root());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no version " + v.root() + " in dataset " + v.datasetId());
                }
                return rs.getLong(1);
            }
        }
    }

    private static long countMissing(Connection c, long of, long other) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM version_row v WHERE v.version_id = ? AND"
                + " NOT EXISTS (SELECT 1 FROM version_row o WHERE o.version_id = ? AND o.row_hash = v.row_hash)")) {
            s.setLong(1, of);
            s.setLong(2, other);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<DatasetVersion> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<DatasetVersion> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Double train = rs.getObject(8, Double.class);
                    Optional<SplitSpec> spec = train == null ? Optional.empty() : Optional.of(new SplitSpec(train,
                            rs.getDouble(9), rs.getDouble(10), rs.getLong(11)));
                    out.add(new DatasetVersion(rs.getLong(2), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), Optional.ofNullable(rs.getString(6)),
                            rs.getString(7), spec));
                }
            }
            return out;
        }
    }
}
