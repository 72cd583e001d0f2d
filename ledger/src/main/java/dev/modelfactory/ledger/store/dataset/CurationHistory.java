package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.dataset.CurationKind.Facet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history of curation operations of each dataset, and undo / redo over it.
 *
 * <p>Shape: an operation ({@code curation_op}) lists the rows it changed with their state before and
 * after ({@code curation_op_row}, or {@code curation_op_edit} for content). Undo writes the before
 * state back, redo the after state; both are one transaction, set-based in SQL (no row is loaded into
 * memory), so a bulk operation over a million rows undoes in one statement per column. The history is
 * linear: undo takes the newest done operation, redo the oldest undone one, and a new operation drops
 * every undone one.
 *
 * <p>Safety: before writing, undo checks that every row is still in the operation's after state (redo:
 * its before state). A row changed since outside the history (an unrecorded split, say) makes the undo
 * fail with a message instead of silently overwriting that change. A content change to a row that a
 * frozen version refers to first moves the frozen content to an archived copy ({@link #archiveIfFrozen}),
 * so versions never change.
 */
final class CurationHistory {

    private static final String OP_COLUMNS = "id, dataset_id, kind, params, description, row_count, actor, done_at, undone";

    private final Database db;

    CurationHistory(Database db) {
        this.db = db;
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Newest first, undone ones included. */
    List<HistoryEntry> list(long datasetId, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        return db.withConnection("read history of dataset " + datasetId, c -> select(c,
                " WHERE dataset_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", datasetId, limit, offset));
    }

    /** What {@link #undo} would undo. */
    Optional<HistoryEntry> nextUndo(long datasetId) {
        return db.withConnection("read history of dataset " + datasetId, c -> nextUndo(c, datasetId));
    }

    /** What {@link #redo} would redo. */
    Optional<HistoryEntry> nextRedo(long datasetId) {
        return db.withConnection("read history of dataset " + datasetId, c -> nextRedo(c, datasetId));
    }

    /** A page of the ids of the rows an operation changed, ascending. */
    List<Long> rows(long opId, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        return db.withConnection("read rows of curation operation " + opId, c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT row_id FROM curation_op_row WHERE op_id = ?"
                    + " UNION ALL SELECT row_id FROM curation_op_edit WHERE op_id = ? ORDER BY row_id LIMIT ? OFFSET ?")) {
                s.setLong(1, opId);
                s.setLong(2, opId);
                s.setInt(3, limit);
                s.setLong(4, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    // ---- undo / redo ---------------------------------------------------------------------------

    /**
     * Undoes the newest done operation.
     *
     * @return the operation undone, or empty if there is none
     * @throws IllegalStateException if some of its rows changed since outside the history
     */
    Optional<HistoryEntry> undo(long datasetId) {
        return db.inTransaction("undo in dataset " + datasetId, c -> {
            beginChange(c, datasetId);
            Optional<HistoryEntry> next = nextUndo(c, datasetId);
            if (next.isPresent()) {
                move(c, next.get(), false);
            }
            return next.map(e -> withUndone(e, true));
        });
    }

    /**
     * Redoes the oldest undone operation.
     *
     * @return the operation redone, or empty if there is none
     * @throws IllegalStateException if some of its rows changed since outside the history
     */
    Optional<HistoryEntry> redo(long datasetId) {
        return db.inTransaction("redo in dataset " + datasetId, c -> {
            beginChange(c, datasetId);
            Optional<HistoryEntry> next = nextRedo(c, datasetId);
            if (next.isPresent()) {
                move(c, next.get(), true);
            }
            return next.map(e -> withUndone(e, false));
        });
    }

    private static void move(Connection c, HistoryEntry e, boolean toAfter) throws SQLException {
        Facet facet = e.kind().facet();
        long changed = mismatches(c, e.id(), facet, !toAfter);
        if (changed > 0) {
            throw new IllegalStateException("cannot " + (toAfter ? "redo" : "undo") + " '" + e.description() + "': "
                    + changed + " of its " + e.rowCount() + " rows were changed since by something the history does"
                    + " not record");
        }
        apply(c, e.datasetId(), e.id(), facet, toAfter);
        try (PreparedStatement s = c.prepareStatement("UPDATE curation_op SET undone = ? WHERE id = ?")) {
            s.setBoolean(1, !toAfter);
            s.setLong(2, e.id());
            s.executeUpdate();
        }
    }

    // ---- recording (called by CurationOps inside its transaction) ------------------------------

    /** Locks the dataset's row so operations on one dataset run one at a time. */
    /**
     * Starts a curation change inside its transaction: locks the dataset and marks its exact-duplicate
     * table stale, since an edit, a delete or their undo changes which normalised texts the working set holds
     * (the table is rebuilt by the next query that needs it; see {@link ExactDuplicates}).
     */
    static void beginChange(Connection c, long datasetId) throws SQLException {
        lockDataset(c, datasetId);
        ExactDuplicates.markStale(c, datasetId);
    }

    static void lockDataset(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM dataset WHERE id = ? FOR UPDATE")) {
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no dataset with id " + datasetId);
                }
            }
        }
    }

    /** Starts an operation's record (its rows are added next, then {@link #finish}). */
    static long insertOp(Connection c, long datasetId, CurationKind kind, Map<String, String> params, String actor)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO curation_op (dataset_id, kind, params, description,"
                + " row_count, actor, done_at, undone) VALUES (?, ?, ?, '', 0, ?, ?, FALSE)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, datasetId);
            s.setString(2, kind.name());
            s.setString(3, FlatJson.write(params));
            s.setString(4, actor == null || actor.isBlank() ? null : actor.strip());
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Drops the redo branch, applies the operation's after state and completes its record. */
    static HistoryEntry finish(Connection c, long datasetId, long opId, CurationKind kind, long rows, String description)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM curation_op WHERE dataset_id = ? AND undone")) {
            s.setLong(1, datasetId);
            s.executeUpdate();
        }
        apply(c, datasetId, opId, kind.facet(), true);
        try (PreparedStatement s = c.prepareStatement("UPDATE curation_op SET row_count = ?, description = ? WHERE id = ?")) {
            s.setLong(1, rows);
            s.setString(2, description);
            s.setLong(3, opId);
            s.executeUpdate();
        }
        return select(c, " WHERE id = ?", opId).getFirst();
    }

    /** Writes the before or after state of an operation's rows into {@code dataset_row}. */
    static void apply(Connection c, long datasetId, long opId, Facet facet, boolean after) throws SQLException {
        String side = after ? "after_" : "before_";
        switch (facet) {
            case STATUS, TAGS, SPLIT -> update(c, "MERGE INTO dataset_row r USING (SELECT row_id, " + side + facet.column
                    + " v FROM curation_op_row WHERE op_id = ?) o ON (r.id = o.row_id) WHEN MATCHED THEN UPDATE SET "
                    + facet.column + " = o.v", opId);
            case LIVE -> update(c, "MERGE INTO dataset_row r USING (SELECT row_id, " + side + "live v FROM curation_op_row"
                    + " WHERE op_id = ?) o ON (r.id = o.row_id) WHEN MATCHED THEN UPDATE SET dataset_id = CASE WHEN o.v"
                    + " THEN CAST(? AS BIGINT) ELSE NULL END, held_by = CAST(? AS BIGINT)", opId, datasetId, datasetId);
            case CONTENT -> {
                for (long rowId : editedRows(c, opId)) {
                    archiveIfFrozen(c, rowId);
                }
                update(c, "MERGE INTO dataset_row r USING (SELECT row_id, " + side + "row_hash h, " + side + "norm_hash n, "
                        + side + "norm_key k, " + side + "payload p, " + side + "content_length l, "
                        + (after ? "CAST(NULL AS INTEGER)" : "before_token_count") + " t FROM curation_op_edit WHERE op_id = ?) e"
                        + " ON (r.id = e.row_id) WHEN MATCHED THEN UPDATE SET row_hash = e.h, norm_hash = e.n, norm_key = e.k,"
                        + " payload = e.p, content_length = e.l, token_count = e.t", opId);
            }
        }
    }

    /** Rows of the operation not in its before ({@code after = false}) or after state. */
    private static long mismatches(Connection c, long opId, Facet facet, boolean after) throws SQLException {
        String side = after ? "after_" : "before_";
        String sql = switch (facet) {
            case STATUS, TAGS, SPLIT -> "SELECT COUNT(*) FROM curation_op_row o LEFT JOIN dataset_row r ON r.id = o.row_id"
                    + " WHERE o.op_id = ? AND r." + facet.column + " IS DISTINCT FROM o." + side + facet.column;
            case LIVE -> "SELECT COUNT(*) FROM curation_op_row o LEFT JOIN dataset_row r ON r.id = o.row_id"
                    + " WHERE o.op_id = ? AND (r.dataset_id IS NOT NULL) IS DISTINCT FROM o." + side + "live";
            case CONTENT -> "SELECT COUNT(*) FROM curation_op_edit e LEFT JOIN dataset_row r ON r.id = e.row_id"
                    + " WHERE e.op_id = ? AND r.row_hash IS DISTINCT FROM e." + side + "row_hash";
        };
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, opId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * If a frozen version refers to the row, copies the row (as it is now, which is what the version
     * froze: rows a version refers to never change in place) to an archived row outside the working set
     * and points the version at the copy. The working row keeps its id, so tables and selections stay put.
     */
    static void archiveIfFrozen(Connection c, long rowId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM version_row WHERE row_id = ? LIMIT 1")) {
            s.setLong(1, rowId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        long copy;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset_row (dataset_id, held_by, row_hash, norm_hash,"
                + " norm_key, payload, content_length, contributor, licence, allowed_uses, tags, split, status, import_id,"
                + " source_file, source_line, source_record, token_count) SELECT NULL, COALESCE(dataset_id, held_by),"
                + " row_hash, norm_hash, norm_key, payload, content_length, contributor, licence, allowed_uses, tags, split,"
                + " status, import_id, source_file, source_line, source_record, token_count FROM dataset_row WHERE id = ?",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, rowId);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                copy = keys.getLong(1);
            }
        }
        update(c, "UPDATE version_row SET row_id = ? WHERE row_id = ?", copy, rowId);
    }

    private static List<Long> editedRows(Connection c, long opId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT row_id FROM curation_op_edit WHERE op_id = ?")) {
            s.setLong(1, opId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    private static Optional<HistoryEntry> nextUndo(Connection c, long datasetId) throws SQLException {
        return select(c, " WHERE dataset_id = ? AND NOT undone ORDER BY id DESC LIMIT 1", datasetId).stream().findFirst();
    }

    private static Optional<HistoryEntry> nextRedo(Connection c, long datasetId) throws SQLException {
        return select(c, " WHERE dataset_id = ? AND undone ORDER BY id LIMIT 1", datasetId).stream().findFirst();
    }

    private static HistoryEntry withUndone(HistoryEntry e, boolean undone) {
        return new HistoryEntry(e.id(), e.datasetId(), e.kind(), e.description(), e.parameters(), e.rowCount(), e.actor(),
                e.at(), undone);
    }

    private static List<HistoryEntry> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + OP_COLUMNS + " FROM curation_op" + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<HistoryEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(rs.getLong(1), rs.getLong(2), CurationKind.valueOf(rs.getString(3)),
                            rs.getString(5), FlatJson.read(rs.getString(4)), rs.getLong(6), rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getBoolean(9)));
                }
            }
            return out;
        }
    }
}
