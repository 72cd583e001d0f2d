package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.check.PiiKind;
import dev.modelfactory.ledger.dataset.check.Shingles;
import dev.modelfactory.ledger.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the stored check results (PII spans, clusters) and the lookups of "keep one". */
final class Curation {

    private static final int MAX_MEMBERS = 10_000;

    private Curation() {
    }

    static List<PiiSpan> piiSpans(Database db, long rowId) {
        return db.withConnection("read PII spans of row " + rowId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, field, span_start, span_end FROM row_pii"
                    + " WHERE row_id = ? ORDER BY field, span_start, seq")) {
                s.setLong(1, rowId);
                List<PiiSpan> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PiiSpan(rowId, PiiKind.ofWire(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                    }
                }
                return out;
            }
        });
    }

    static List<NearDuplicateCluster> clusters(Database db, long datasetId, long offset, int limit) {
        return db.withConnection("list near-duplicate clusters of dataset " + datasetId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT n.cluster_id, COUNT(*), COUNT(DISTINCT COALESCE(r.contributor, ''))"
                    + " FROM near_dup n JOIN dataset_row r ON r.id = n.row_id WHERE n.dataset_id = ? GROUP BY n.cluster_id"
                    + " ORDER BY COUNT(*) DESC, n.cluster_id LIMIT ? OFFSET ?")) {
                s.setLong(1, datasetId);
                s.setInt(2, limit);
                s.setLong(3, offset);
                List<NearDuplicateCluster> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NearDuplicateCluster(rs.getLong(1), rs.getInt(2), rs.getInt(3)));
                    }
                }
                return out;
            }
        });
    }

    static Map<Long, Double> similarities(Database db, long datasetId, long clusterId, int shingleWords) {
        return db.withConnection("compare the rows of cluster " + clusterId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.payload FROM near_dup n JOIN dataset_row r"
                    + " ON r.id = n.row_id WHERE n.dataset_id = ? AND n.cluster_id = ? ORDER BY r.id LIMIT " + MAX_MEMBERS)) {
                s.setLong(1, datasetId);
                s.setLong(2, clusterId);
                Map<Long, Double> out = new LinkedHashMap<>();
                long[] first = null;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long[] shingles = Shingles.of(RowJson.read(rs.getString(2), List.of()), shingleWords);
                        if (first == null) {
                            first = shingles;
                        }
                        out.put(rs.getLong(1), Shingles.jaccard(first, shingles));
                    }
                }
                return out;
            }
        });
    }

    /** The members of a group (given as a row query) other than {@code keep}, not rejected yet. */
    static List<Long> otherMembers(Database db, RowQueries.Where group, long keep, String what) {
        return db.withConnection("read the members of " + what, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.status FROM dataset_row r" + group.sql()
                    + " ORDER BY r.id LIMIT " + MAX_MEMBERS)) {
                group.bind(s, 1);
                List<Long> others = new ArrayList<>();
                boolean found = false;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(1) == keep) {
                            found = true;
                        } else if (!"rejected".equals(rs.getString(2))) {
                            others.add(rs.getLong(1));
                        }
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("row " + keep + " is not in " + what);
                }
                return others;
            }
        });
    }

    static boolean isRejected(Database db, long rowId) {
        return db.withConnection("read the status of row " + rowId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status FROM dataset_row WHERE id = ?")) {
                s.setLong(1, rowId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && "rejected".equals(rs.getString(1));
                }
            }
        });
    }

    /** Sets the status of rows by id without recording it (the store's legacy path); returns how many changed. */
    static int setStatusUnrecorded(Database db, long datasetId, java.util.Collection<Long> rowIds, RowStatus status) {
        return db.inTransaction("set status of " + rowIds.size() + " rows", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE dataset_row SET status = ? WHERE id = ? AND dataset_id = ?")) {
                for (long id : rowIds) {
                    s.setString(1, status.wire());
                    s.setLong(2, id);
                    s.setLong(3, datasetId);
                    s.addBatch();
                }
                int changed = 0;
                for (int n : s.executeBatch()) {
                    changed += Math.max(n, 0);
                }
                return changed;
            }
        });
    }

    /** Unrecorded "keep one": rejects {@code others}, makes a rejected kept row pending again; returns rows rejected. */
    static int keepOneUnrecorded(Database db, long datasetId, long keepRowId, List<Long> others) {
        int rejected = setStatusUnrecorded(db, datasetId, others, RowStatus.REJECTED);
        if (isRejected(db, keepRowId)) {
            setStatusUnrecorded(db, datasetId, List.of(keepRowId), RowStatus.PENDING);
        }
        return rejected;
    }
}
