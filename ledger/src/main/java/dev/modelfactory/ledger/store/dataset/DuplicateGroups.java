package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact-duplicate questions over {@code dataset_dup} (kept current by {@link ExactDuplicates}, which the
 * caller brings up to date first): the summary and the groups, rejected rows left out.
 */
final class DuplicateGroups {

    private DuplicateGroups() {
    }

    static DuplicateSummary summary(Database db, long datasetId) {
        return db.withConnection("count duplicates in dataset " + datasetId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(n - 1), 0),"
                    + " COALESCE(SUM(CASE WHEN contributors > 1 THEN 1 ELSE 0 END), 0) FROM (SELECT COUNT(*) n,"
                    + " COUNT(DISTINCT COALESCE(contributor, '')) contributors FROM dataset_row WHERE id IN (SELECT row_id"
                    + " FROM dataset_dup WHERE dataset_id = ?) AND status <> 'rejected' GROUP BY norm_hash HAVING COUNT(*) > 1)")) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new DuplicateSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** A page of groups, largest first, then by first row id. */
    static List<DuplicateGroup> groups(Database db, long datasetId, long offset, int limit) {
        return db.withConnection("list duplicate groups of dataset " + datasetId, c -> {
            List<DuplicateGroup> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT norm_hash, COUNT(DISTINCT COALESCE(contributor, '')),"
                    + " LISTAGG(CAST(id AS VARCHAR), ',') WITHIN GROUP (ORDER BY id) FROM dataset_row WHERE id IN (SELECT"
                    + " row_id FROM dataset_dup WHERE dataset_id = ?) AND status <> 'rejected' GROUP BY norm_hash"
                    + " HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC,"
                    + " MIN(id) LIMIT ? OFFSET ?")) {
                s.setLong(1, datasetId);
                s.setInt(2, limit);
                s.setLong(3, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<Long> ids = new ArrayList<>();
                        for (String id : rs.getString(3).split(",")) {
                            ids.add(Long.parseLong(id));
                        }
                        out.add(new DuplicateGroup(rs.getString(1), ids, rs.getInt(2)));
                    }
                }
            }
            return out;
        });
    }
}
