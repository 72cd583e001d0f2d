package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Grouped counts of a working set ({@link DatasetOverview}) and the empty-row scan ({@link EmptyRows}). */
final class DatasetOverviews {

    static final int MAX_CONTRIBUTORS = 100;
    static final int MAX_IDS = 100;
    private static final int PAGE = 2_000;

    private final Database db;

    DatasetOverviews(Database db) {
        this.db = db;
    }

    DatasetOverview overview(long datasetId) {
        return db.withConnection("count rows of dataset " + datasetId, c -> {
            Map<RowStatus, Long> byStatus = new EnumMap<>(RowStatus.class);
            for (RowStatus s : RowStatus.values()) {
                byStatus.put(s, 0L);
            }
            Map<String, Long> bySplit = new HashMap<>(Map.of("train", 0L, "validation", 0L, "test", 0L, "none", 0L));
            long rows = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT status, split, COUNT(*) FROM dataset_row"
                    + " WHERE dataset_id = ? GROUP BY status, split")) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        rows += n;
                        byStatus.merge(RowStatus.ofWire(rs.getString(1)), n, Long::sum);
                        bySplit.merge(rs.getString(2) == null ? "none" : rs.getString(2), n, Long::sum);
                    }
                }
            }
            List<UseExclusions.ContributorCount> by = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT contributor, COUNT(*) FROM dataset_row WHERE dataset_id = ?"
                    + " GROUP BY contributor ORDER BY COUNT(*) DESC, contributor NULLS FIRST LIMIT " + MAX_CONTRIBUTORS)) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        by.add(new UseExclusions.ContributorCount(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            long contributors;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT COALESCE(contributor, CHAR(0)))"
                    + " FROM dataset_row WHERE dataset_id = ?")) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    contributors = rs.getLong(1);
                }
            }
            return new DatasetOverview(rows, byStatus, bySplit, by, contributors);
        });
    }

    /** Reads every working-set row's payload, a page at a time, and counts the empty ones. */
    EmptyRows emptyRows(long datasetId, ProgressListener progress, CancellationToken cancel) {
        long total = db.withConnection("count rows", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dataset_row WHERE dataset_id = ?")) {
                s.setLong(1, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        long[] last = {-1};
        long scanned = 0;
        long empty = 0;
        List<Long> ids = new ArrayList<>();
        while (true) {
            cancel.throwIfCancellationRequested();
            List<long[]> page = db.withConnection("scan rows of dataset " + datasetId, c -> {
                List<long[]> out = new ArrayList<>();
                // "dataset_id + 0": a primary-key range in id order (see DatasetExporter), not a sort per page
                try (PreparedStatement s = c.prepareStatement("SELECT id, payload FROM dataset_row WHERE dataset_id + 0 = ?"
                        + " AND id > ? ORDER BY id LIMIT " + PAGE)) {
                    s.setLong(1, datasetId);
                    s.setLong(2, last[0]);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            boolean isEmpty = RowJson.read(rs.getString(2), List.of()).isEmpty();
                            out.add(new long[] {rs.getLong(1), isEmpty ? 1 : 0});
                        }
                    }
                }
                return out;
            });
            if (page.isEmpty()) {
                return new EmptyRows(scanned, empty, ids);
            }
            for (long[] r : page) {
                scanned++;
                if (r[1] == 1) {
                    empty++;
                    if (ids.size() < MAX_IDS) {
                        ids.add(r[0]);
                    }
                }
                last[0] = r[0];
            }
            progress.onProgress(scanned, total);
        }
    }
}
