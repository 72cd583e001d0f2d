package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Keeps {@code dataset_dup} (the rows whose 8-byte duplicate key occurs more than once in their
 * dataset) current, so exact-duplicate queries read a small table instead of an index over every row.
 *
 * <p>Shape of the pass: stream {@code (id, norm_key)} of the dataset in id order (keyset pages, so
 * H2 never materialises the whole result), sort a copy of the keys to find the repeated ones, then
 * write the members sorted by key, so the table's B-tree is filled in order. Memory: 16 bytes per row
 * of the dataset (ids and keys), plus the members. A million rows take about a second.
 *
 * <p>Staleness: every import batch marks the dataset stale in its own transaction and the pass marks it
 * current in the transaction that rewrites the table, so a crash between the two is repaired by the
 * next {@link #ensureCurrent}. Anything else that changes rows' hashes (an edit) calls
 * {@link #markStale}.
 */
final class ExactDuplicates {

    private static final int PAGE = 20_000;

    private final Database db;

    ExactDuplicates(Database db) {
        this.db = db;
    }

    /** Marks the dataset's duplicate table out of date, inside the caller's transaction. */
    static void markStale(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("MERGE INTO dataset_state (dataset_id, dups_current) KEY (dataset_id)"
                + " VALUES (?, FALSE)")) {
            s.setLong(1, datasetId);
            s.executeUpdate();
        }
    }

    /** Rebuilds the table if an import or an edit left it out of date. */
    void ensureCurrent(long datasetId) {
        boolean current = db.withConnection("read dataset state " + datasetId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT dups_current FROM dataset_state WHERE dataset_id = ?")) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    return !rs.next() || rs.getBoolean(1);
                }
            }
        });
        if (!current) {
            rebuild(datasetId);
        }
    }

    /** Recomputes the dataset's duplicate members from its rows. */
    void rebuild(long datasetId) {
        long[][] idsAndKeys = db.withConnection("read duplicate keys of dataset " + datasetId, c -> read(c, datasetId));
        long[] ids = idsAndKeys[0];
        long[] keys = idsAndKeys[1];
        LongHashSet repeated = repeatedKeys(keys);
        int members = 0;
        for (long k : keys) {
            if (repeated.contains(k)) {
                members++;
            }
        }
        long[][] pairs = new long[members][];
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (repeated.contains(keys[i])) {
                pairs[m++] = new long[] {keys[i], ids[i]};
            }
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        db.inTransaction("write duplicate keys of dataset " + datasetId, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dataset_dup WHERE dataset_id = ?")) {
                del.setLong(1, datasetId);
                del.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO dataset_dup (dataset_id, norm_key, row_id) VALUES (?, ?, ?)")) {
                int n = 0;
                for (long[] p : pairs) {
                    s.setLong(1, datasetId);
                    s.setLong(2, p[0]);
                    s.setLong(3, p[1]);
                    s.addBatch();
                    if (++n % 5_000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("MERGE INTO dataset_state (dataset_id, dups_current) KEY (dataset_id)"
                    + " VALUES (?, TRUE)")) {
                s.setLong(1, datasetId);
                return s.executeUpdate();
            }
        });
    }

    private static long[][] read(Connection c, long datasetId) throws SQLException {
        long[] ids = new long[1024];
        long[] keys = new long[1024];
        int n = 0;
        long after = Long.MIN_VALUE;
        try (PreparedStatement s = c.prepareStatement("SELECT id, norm_key FROM dataset_row WHERE dataset_id = ? AND id > ?"
                + " ORDER BY dataset_id, id LIMIT " + PAGE)) {
            while (true) {
                s.setLong(1, datasetId);
                s.setLong(2, after);
                int got = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (n == ids.length) {
                            ids = Arrays.copyOf(ids, n * 2);
                            keys = Arrays.copyOf(keys, n * 2);
                        }
                        ids[n] = rs.getLong(1);
                        keys[n] = rs.getLong(2);
                        after = ids[n];
                        n++;
                        got++;
                    }
                }
                if (got < PAGE) {
                    break;
                }
            }
        }
        return new long[][] {Arrays.copyOf(ids, n), Arrays.copyOf(keys, n)};
    }

    private static LongHashSet repeatedKeys(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        LongHashSet repeated = new LongHashSet();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                repeated.add(sorted[i]);
            }
        }
        return repeated;
    }
}
