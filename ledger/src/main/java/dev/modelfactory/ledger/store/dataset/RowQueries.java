package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.SourceRef;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of paged row queries: a {@link RowFilter} becomes a WHERE clause with parameters, and result
 * rows become {@link DatasetRow}s. Package-private plumbing for {@link DatasetStore} and {@link Versions}.
 */
final class RowQueries {

    /** Columns of a working-set row; {@link #map} reads them in this order. */
    static final String ROW_COLUMNS = "r.id, r.dataset_id, r.row_hash, r.norm_hash, r.payload, r.tags, r.contributor,"
            + " r.licence, r.allowed_uses, r.split, r.status, COALESCE(r.source_file, ir.source), r.source_line,"
            + " r.source_record, r.token_count";
    /** The same for a version's row: split, contributor and uses as frozen. */
    static final String VERSION_ROW_COLUMNS = "r.id, COALESCE(r.dataset_id, r.held_by), r.row_hash, r.norm_hash, r.payload, r.tags,"
            + " v.contributor, r.licence, v.allowed_uses, v.split, r.status, COALESCE(r.source_file, ir.source),"
            + " r.source_line, r.source_record, r.token_count";
    static final String FROM_ROWS = " FROM dataset_row r LEFT JOIN import_report ir ON ir.id = r.import_id";

    private RowQueries() {
    }

    /** A WHERE clause (starting with " WHERE") and its parameters. */
    record Where(String sql, List<Object> params) {
        void bind(PreparedStatement s, int first) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(first + i, params.get(i));
            }
        }
    }

    /** @return true if the filter reads {@code dataset_dup}, which must then be current ({@link ExactDuplicates}) */
    static boolean needsDuplicates(RowFilter f) {
        return f.normalisedHash() != null || f.exactDuplicatesOnly();
    }

    static Where where(long datasetId, RowFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE r.dataset_id = ?");
        List<Object> params = new ArrayList<>(Arrays.asList((Object) datasetId));
        if (f.status() != null) {
            sql.append(" AND r.status = ?");
            params.add(f.status().wire());
        }
        if (f.contributor() != null) {
            sql.append(" AND r.contributor = ?");
            params.add(f.contributor());
        }
        if (f.tag() != null) {
            sql.append(" AND r.tags LIKE ? ESCAPE '\\'");
            params.add("%|" + escapeLike(f.tag().strip().replace('|', '/')) + "|%");
        }
        if (f.split() != null) {
            sql.append(" AND r.split = ?");
            params.add(f.split().wire());
        }
        if (f.search() != null && !f.search().isBlank()) {
            sql.append(" AND LOWER(r.payload) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(f.search().toLowerCase(Locale.ROOT)) + "%");
        }
        if (f.normalisedHash() != null) {
            String hash = f.normalisedHash().toLowerCase(Locale.ROOT);
            sql.append(" AND r.id IN (SELECT row_id FROM dataset_dup WHERE dataset_id = ? AND norm_key = ?) AND r.norm_hash = ?");
            params.add(datasetId);
            params.add(DatasetImporter.normKey(hash));
            params.add(hash);
        }
        if (f.exactDuplicatesOnly()) {
            sql.append(" AND r.status <> 'rejected' AND r.id IN (SELECT a.row_id FROM dataset_dup a JOIN dataset_dup b"
                    + " ON b.dataset_id = a.dataset_id AND b.norm_key = a.norm_key AND b.row_id <> a.row_id"
                    + " JOIN dataset_row x ON x.id = a.row_id JOIN dataset_row y ON y.id = b.row_id"
                    + " WHERE a.dataset_id = ? AND x.norm_hash = y.norm_hash AND y.status <> 'rejected')");
            params.add(datasetId);
        }
        if (f.requiredFlags() != 0) {
            sql.append(" AND BITAND(r.flags, CAST(? AS BIGINT)) = CAST(? AS BIGINT)");
            params.add(f.requiredFlags());
            params.add(f.requiredFlags());
        }
        if (f.anyFlags() != 0) {
            sql.append(" AND BITAND(r.flags, CAST(? AS BIGINT)) <> 0");
            params.add(f.anyFlags());
        }
        if (f.nearDuplicateCluster() != null) {
            sql.append(" AND r.id IN (SELECT row_id FROM near_dup WHERE dataset_id = ? AND cluster_id = ?)");
            params.add(datasetId);
            params.add(f.nearDuplicateCluster());
        }
        if (f.minTokens() != null) {
            sql.append(" AND r.token_count >= ?");
            params.add(f.minTokens());
        }
        if (f.maxTokens() != null) {
            sql.append(" AND r.token_count <= ?");
            params.add(f.maxTokens());
        }
        return new Where(sql.toString(), params);
    }

    /** Runs a row query whose last two parameters are LIMIT and OFFSET. */
    static List<DatasetRow> list(Connection c, String sql, Where where, int limit, long offset) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            where.bind(s, 1);
            s.setInt(where.params().size() + 1, limit);
            s.setLong(where.params().size() + 2, offset);
            List<DatasetRow> out = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    static DatasetRow map(ResultSet rs) throws SQLException {
        List<String> tags = parseTags(rs.getString(6));
        Integer tokens = rs.getObject(15, Integer.class);
        return new DatasetRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                RowJson.read(rs.getString(5), tags), rs.getString(7), rs.getString(8), Use.ofMask(rs.getInt(9)),
                Split.ofWire(rs.getString(10)), RowStatus.ofWire(rs.getString(11)),
                new SourceRef(rs.getString(12), rs.getLong(13), rs.getLong(14)), tokens);
    }

    static List<String> parseTags(String stored) {
        if (stored == null || stored.length() < 2) {
            return List.of();
        }
        return List.of(stored.substring(1, stored.length() - 1).split("\\|"));
    }

    static void checkPage(long offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 10_000) {
            throw new IllegalArgumentException("a page is offset >= 0 and 0 <= limit <= 10000, got offset "
                    + offset + ", limit " + limit);
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** How many rows of the working set match {@code where}. */
    static long count(java.sql.Connection c, Where where) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dataset_row r" + where.sql())) {
            where.bind(s, 1);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many rows the dataset's working set holds (every status). */
    static long workingSetSize(Connection c, long datasetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dataset_row WHERE dataset_id = ?")) {
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
