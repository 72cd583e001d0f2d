package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregates behind the Datasets page's charts, each one SQL aggregate over the rows a
 * {@link RowFilter} selects (H2 does the counting; no row reaches Java).
 */
final class DatasetStatistics {

    private DatasetStatistics() {
    }

    /** Rows carrying each flag (every flag present, 0 if none). */
    static Map<RowFlag, Long> flagCounts(Database db, long datasetId, RowFilter filter) {
        RowQueries.Where where = RowQueries.where(datasetId, filter);
        StringBuilder sql = new StringBuilder("SELECT ");
        RowFlag[] flags = RowFlag.values();
        for (int i = 0; i < flags.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("COALESCE(SUM(CASE WHEN BITAND(r.flags, CAST(")
                    .append(flags[i].mask()).append(" AS BIGINT)) <> 0 THEN 1 ELSE 0 END), 0)");
        }
        sql.append(" FROM dataset_row r").append(where.sql());
        return db.withConnection("count flags of dataset " + datasetId, c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                where.bind(s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    Map<RowFlag, Long> out = new EnumMap<>(RowFlag.class);
                    for (int i = 0; i < flags.length; i++) {
                        out.put(flags[i], rs.getLong(i + 1));
                    }
                    return out;
                }
            }
        });
    }

    /** Token counts in {@code bins} equal-width bins between the smallest and largest count. */
    static TokenHistogram tokenHistogram(Database db, long datasetId, RowFilter filter, int bins) {
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("a histogram has 1..1000 bins, got " + bins);
        }
        RowQueries.Where where = RowQueries.where(datasetId, filter);
        return db.withConnection("token histogram of dataset " + datasetId, c -> {
            long min;
            long max;
            long uncounted;
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(r.token_count), MAX(r.token_count),"
                    + " COALESCE(SUM(CASE WHEN r.token_count IS NULL THEN 1 ELSE 0 END), 0) FROM dataset_row r" + where.sql())) {
                where.bind(s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    uncounted = rs.getLong(3);
                    if (rs.getObject(1) == null) {
                        return new TokenHistogram(List.of(), uncounted);
                    }
                    min = rs.getLong(1);
                    max = rs.getLong(2);
                }
            }
            long width = Math.max(1, (max - min + bins) / bins);
            int n = (int) ((max - min) / width) + 1;
            long[] counts = new long[n];
            // min and width are numbers computed here, inlined so SELECT and GROUP BY are the same expression
            String bin = "(r.token_count - " + min + ") / " + width;
            try (PreparedStatement s = c.prepareStatement("SELECT " + bin + ", COUNT(*) FROM dataset_row r"
                    + where.sql() + " AND r.token_count IS NOT NULL GROUP BY " + bin)) {
                where.bind(s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts[rs.getInt(1)] = rs.getLong(2);
                    }
                }
            }
            List<TokenHistogram.Bin> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new TokenHistogram.Bin(min + i * width, min + (i + 1) * width, counts[i]));
            }
            return new TokenHistogram(out, uncounted);
        });
    }

    /** Rows per value of a column, most rows first, at most {@code limit}. */
    static List<CategoryCount> perColumn(Database db, long datasetId, RowFilter filter, String column, int limit) {
        RowQueries.Where where = RowQueries.where(datasetId, filter);
        return db.withConnection("count rows per " + column, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT r." + column + ", COUNT(*) FROM dataset_row r" + where.sql()
                    + " GROUP BY r." + column + " ORDER BY COUNT(*) DESC, r." + column + " NULLS FIRST LIMIT ?")) {
                where.bind(s, 1);
                s.setInt(where.params().size() + 1, limit);
                List<CategoryCount> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CategoryCount(rs.getString(1), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Rows per tag (a row with two tags counts for both; untagged rows under a null name), most rows
     * first. Tags are stored as one {@code |a|b|} string per row, so H2 groups the distinct tag sets and
     * Java splits them: memory grows with the distinct tag combinations, not with the rows.
     */
    static List<CategoryCount> perTag(Database db, long datasetId, RowFilter filter, int limit) {
        RowQueries.Where where = RowQueries.where(datasetId, filter);
        Map<String, Long> byTag = db.withConnection("count rows per tag", c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.tags, COUNT(*) FROM dataset_row r" + where.sql()
                    + " GROUP BY r.tags")) {
                where.bind(s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<String> tags = RowQueries.parseTags(rs.getString(1));
                        if (tags.isEmpty()) {
                            out.merge("", rs.getLong(2), Long::sum);
                        }
                        for (String t : tags) {
                            out.merge(t, rs.getLong(2), Long::sum);
                        }
                    }
                }
            }
            return out;
        });
        return byTag.entrySet().stream()
                .map(e -> new CategoryCount(e.getKey().isEmpty() ? null : e.getKey(), e.getValue()))
                .sorted((a, b) -> a.rows() != b.rows() ? Long.compare(b.rows(), a.rows())
                        : a.name() == null ? -1 : b.name() == null ? 1 : a.name().compareTo(b.name()))
                .limit(limit).toList();
    }
}
