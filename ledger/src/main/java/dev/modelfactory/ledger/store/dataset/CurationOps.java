package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The recorded curation operations (edit, tag, untag, status, delete, duplicates); splits are in
 * {@link CurationSplits}. Each runs in one transaction: lock the dataset, record the rows it changes with
 * their before and after state (computed in SQL from the selection, so a filter over a million rows is
 * never loaded into memory), drop the redo branch, apply the after state. An operation that would
 * change no row records nothing and returns empty.
 */
final class CurationOps {

    private static final int BATCH = 5_000;

    private final Database db;

    CurationOps(Database db) {
        this.db = db;
    }

    /** Rolls an operation back because it changes no row. */
    static final class NoChange extends RuntimeException {
        NoChange() {
            super(null, null, false, false);
        }
    }

    Optional<HistoryEntry> setStatus(long datasetId, RowSelection rows, RowStatus status, String actor) {
        Objects.requireNonNull(status, "status");
        String wire = status.wire();
        String verb = switch (status) {
            case ACCEPTED -> "accept";
            case REJECTED -> "reject";
            case PENDING -> "mark pending";
        };
        return bulk(datasetId, CurationKind.SET_STATUS, rows, Map.of("status", wire), actor, "r.status",
                "CAST(? AS VARCHAR(10))", List.of(wire), "r.status <> ?", List.of(wire), n -> verb + " " + rows(n));
    }

    Optional<HistoryEntry> addTag(long datasetId, RowSelection rows, String tag, String actor) {
        String t = tag(tag);
        return bulk(datasetId, CurationKind.ADD_TAG, rows, Map.of("tag", t), actor, "r.tags",
                "CASE WHEN r.tags = '' THEN CAST(? AS VARCHAR(2000)) ELSE r.tags || CAST(? AS VARCHAR(2000)) END",
                List.of("|" + t + "|", t + "|"), "LOCATE(?, r.tags) = 0", List.of("|" + t + "|"),
                n -> "tag " + rows(n) + " with '" + t + "'");
    }

    Optional<HistoryEntry> removeTag(long datasetId, RowSelection rows, String tag, String actor) {
        String t = tag(tag);
        return bulk(datasetId, CurationKind.REMOVE_TAG, rows, Map.of("tag", t), actor, "r.tags",
                "CASE WHEN r.tags = ? THEN '' ELSE REPLACE(r.tags, ?, '|') END", List.of("|" + t + "|", "|" + t + "|"),
                "LOCATE(?, r.tags) > 0", List.of("|" + t + "|"), n -> "remove tag '" + t + "' from " + rows(n));
    }

    Optional<HistoryEntry> delete(long datasetId, RowSelection rows, String actor) {
        return bulk(datasetId, CurationKind.DELETE, rows, Map.of(), actor, "TRUE", "FALSE", List.of(), "TRUE", List.of(),
                n -> "delete " + rows(n));
    }

    /** Rejects every exact duplicate except the first (or last) of each group, among rows not rejected. */
    Optional<HistoryEntry> rejectDuplicates(long datasetId, boolean keepFirst, String actor) {
        return bulk(datasetId, CurationKind.REJECT_DUPLICATES, RowSelection.matching(RowFilter.ALL),
                Map.of("keep", keepFirst ? "first" : "last"), actor, "r.status", "'rejected'", List.of(),
                "r.status <> 'rejected' AND EXISTS (SELECT 1 FROM dataset_row d WHERE d.dataset_id = r.dataset_id"
                        + " AND d.norm_key = r.norm_key AND d.norm_hash = r.norm_hash AND d.status <> 'rejected' AND d.id "
                        + (keepFirst ? "<" : ">") + " r.id)", List.of(),
                n -> "reject " + rows(n) + " duplicating " + (keepFirst ? "an earlier" : "a later") + " row");
    }

    /** Keeps {@code rowId} and rejects the other rows (not rejected yet) of its exact-duplicate group. */
    Optional<HistoryEntry> keepOne(long datasetId, long rowId, String actor) {
        String norm = db.withConnection("read row " + rowId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT norm_hash FROM dataset_row WHERE id = ? AND dataset_id = ?")) {
                s.setLong(1, rowId);
                s.setLong(2, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (norm == null) {
            throw new IllegalArgumentException("no row " + rowId + " in the working set of dataset " + datasetId);
        }
        return bulk(datasetId, CurationKind.KEEP_ONE, RowSelection.matching(RowFilter.ALL.withNormalisedHash(norm)),
                Map.of("keep", Long.toString(rowId)), actor, "r.status", "'rejected'", List.of(),
                "r.status <> 'rejected' AND r.id <> ?", List.of(rowId),
                n -> "keep row " + rowId + ", reject " + rows(n) + " duplicating it");
    }

    /**
     * Rejects every member of a near-duplicate cluster (of the last check) that has an earlier member not
     * rejected, so one row per cluster stays: the first not rejected.
     */
    Optional<HistoryEntry> rejectNearDuplicates(long datasetId, String actor) {
        return bulk(datasetId, CurationKind.REJECT_NEAR_DUPLICATES, RowSelection.matching(RowFilter.ALL),
                Map.of("keep", "first"), actor, "r.status", "'rejected'", List.of(),
                "r.status <> 'rejected' AND EXISTS (SELECT 1 FROM near_dup a JOIN near_dup b ON b.dataset_id = a.dataset_id"
                        + " AND b.cluster_id = a.cluster_id JOIN dataset_row d ON d.id = b.row_id WHERE a.dataset_id = r.dataset_id"
                        + " AND a.row_id = r.id AND d.dataset_id = r.dataset_id AND d.status <> 'rejected' AND d.id < r.id)",
                List.of(), n -> "reject " + rows(n) + " near-duplicating an earlier row");
    }

    /** Keeps {@code rowId} and rejects the other rows (not rejected yet) of near-duplicate cluster {@code clusterId}. */
    Optional<HistoryEntry> keepOneNear(long datasetId, long clusterId, long rowId, String actor) {
        RowFilter cluster = RowFilter.ALL.withNearDuplicateCluster(clusterId);
        if (!inCluster(datasetId, clusterId, rowId)) {
            throw new IllegalArgumentException("row " + rowId + " is not in near-duplicate cluster " + clusterId
                    + " of dataset " + datasetId);
        }
        return bulk(datasetId, CurationKind.KEEP_ONE_NEAR, RowSelection.matching(cluster),
                Map.of("keep", Long.toString(rowId), "cluster", Long.toString(clusterId)), actor, "r.status", "'rejected'",
                List.of(), "r.status <> 'rejected' AND r.id <> ?", List.of(rowId),
                n -> "keep row " + rowId + ", reject " + rows(n) + " near-duplicating it");
    }

    private boolean inCluster(long datasetId, long clusterId, long rowId) {
        return db.withConnection("read cluster " + clusterId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM near_dup n JOIN dataset_row r ON r.id = n.row_id"
                            + " WHERE n.dataset_id = ? AND n.cluster_id = ? AND n.row_id = ? AND r.dataset_id = ?")) {
                s.setLong(1, datasetId);
                s.setLong(2, clusterId);
                s.setLong(3, rowId);
                s.setLong(4, datasetId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Replaces a row's content (messages, text, tools; the tags in {@code content} are ignored: tags
     * change through tag operations). Contributor, licence, uses, source, split, status and tags stay.
     */
    Optional<HistoryEntry> edit(long datasetId, long rowId, Conversation content, String actor) {
        Objects.requireNonNull(content, "content");
        if (content.isEmpty()) {
            throw new IllegalArgumentException("an edited row must keep some content: every message and the text are blank");
        }
        String payload = RowJson.write(content);
        if (payload.length() > 1_000_000) {
            throw new IllegalArgumentException("row too large: " + payload.length() + " characters stored, the limit is 1000000");
        }
        String hash = RowHash.of(content);
        String norm = RowHash.normalised(content);
        int length = (int) Math.min(Integer.MAX_VALUE, content.contentLength());
        try {
            return Optional.of(db.inTransaction("edit row " + rowId, c -> {
                CurationHistory.beginChange(c, datasetId);
                String before;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT row_hash FROM dataset_row WHERE id = ? AND dataset_id = ?")) {
                    s.setLong(1, rowId);
                    s.setLong(2, datasetId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("no row " + rowId + " in the working set of dataset " + datasetId);
                        }
                        before = rs.getString(1);
                    }
                }
                if (before.equals(hash)) {
                    throw new NoChange();
                }
                long op = CurationHistory.insertOp(c, datasetId, CurationKind.EDIT,
                        Map.of("row", Long.toString(rowId), "from", before, "to", hash), actor);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO curation_op_edit (op_id, row_id, before_row_hash,"
                        + " before_norm_hash, before_norm_key, before_payload, before_content_length, before_token_count,"
                        + " after_row_hash, after_norm_hash, after_norm_key, after_payload, after_content_length)"
                        + " SELECT CAST(? AS BIGINT), id, row_hash, norm_hash, norm_key, payload, content_length, token_count,"
                        + " CAST(? AS CHAR(64)), CAST(? AS CHAR(64)), CAST(? AS BIGINT), CAST(? AS CHARACTER VARYING(1000000)),"
                        + " CAST(? AS INTEGER) FROM dataset_row WHERE id = ?")) {
                    s.setLong(1, op);
                    s.setString(2, hash);
                    s.setString(3, norm);
                    s.setLong(4, DatasetImporter.normKey(norm));
                    s.setString(5, payload);
                    s.setInt(6, length);
                    s.setLong(7, rowId);
                    s.executeUpdate();
                }
                return CurationHistory.finish(c, datasetId, op, CurationKind.EDIT, 1, "edit row " + rowId);
            }));
        } catch (NoChange same) {
            return Optional.empty();
        }
    }

    /**
     * Records and applies a bulk operation on one column group: {@code beforeExpr} and {@code afterExpr}
     * are SQL over the row {@code r}; only rows matching {@code changed} are recorded and changed.
     */
    private Optional<HistoryEntry> bulk(long datasetId, CurationKind kind, RowSelection selection, Map<String, String> params,
                                        String actor, String beforeExpr, String afterExpr, List<Object> afterParams,
                                        String changed, List<Object> changedParams, LongFunction<String> describe) {
        Objects.requireNonNull(selection, "selection");
        String column = kind.facet().column;
        String insert = "INSERT INTO curation_op_row (op_id, row_id, before_" + column + ", after_" + column + ")"
                + " SELECT CAST(? AS BIGINT), r.id, " + beforeExpr + ", " + afterExpr + " FROM dataset_row r";
        try {
            return Optional.of(db.inTransaction(kind.name().toLowerCase(Locale.ROOT) + " in dataset " + datasetId, c -> {
                CurationHistory.beginChange(c, datasetId);
                long op = CurationHistory.insertOp(c, datasetId, kind, selectionParams(params, selection), actor);
                long n = switch (selection) {
                    case RowSelection.Matching m -> {
                        RowQueries.Where where = RowQueries.where(datasetId, m.filter());
                        try (PreparedStatement s = c.prepareStatement(insert + where.sql() + " AND " + changed)) {
                            int i = bind(s, 1, List.of(op));
                            i = bind(s, i, afterParams);
                            where.bind(s, i);
                            bind(s, i + where.params().size(), changedParams);
                            yield s.executeUpdate();
                        }
                    }
                    case RowSelection.Ids ids -> byIds(c, insert + " WHERE r.dataset_id = ? AND r.id = ? AND " + changed,
                            op, datasetId, ids, afterParams, changedParams);
                };
                if (n == 0) {
                    throw new NoChange();
                }
                return CurationHistory.finish(c, datasetId, op, kind, n, describe.apply(n));
            }));
        } catch (NoChange none) {
            return Optional.empty();
        }
    }

    private static long byIds(Connection c, String sql, long op, long datasetId, RowSelection.Ids ids, List<Object> afterParams,
                              List<Object> changedParams) throws SQLException {
        long n = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int pending = 0;
            for (long id : ids.ids()) {
                int i = bind(s, 1, List.of(op));
                i = bind(s, i, afterParams);
                s.setLong(i++, datasetId);
                s.setLong(i++, id);
                bind(s, i, changedParams);
                s.addBatch();
                if (++pending == BATCH) {
                    n += sum(s.executeBatch());
                    pending = 0;
                }
            }
            n += sum(s.executeBatch());
        }
        return n;
    }

    private static Map<String, String> selectionParams(Map<String, String> params, RowSelection selection) {
        Map<String, String> out = new java.util.TreeMap<>(params);
        switch (selection) {
            case RowSelection.Ids ids -> out.put("selection", ids.ids().size() + " row ids");
            case RowSelection.Matching m -> out.put("selection", describe(m.filter()));
        }
        return out;
    }

    /** The filter's criteria as {@code tag=math, status=pending}, or {@code all rows}. */
    static String describe(RowFilter f) {
        List<String> parts = new java.util.ArrayList<>();
        if (f.status() != null) {
            parts.add("status=" + f.status().wire());
        }
        if (f.contributor() != null) {
            parts.add("contributor=" + f.contributor());
        }
        if (f.tag() != null) {
            parts.add("tag=" + f.tag());
        }
        if (f.split() != null) {
            parts.add("split=" + f.split().wire());
        }
        if (f.search() != null && !f.search().isBlank()) {
            parts.add("search=" + f.search());
        }
        if (f.normalisedHash() != null) {
            parts.add("duplicates of " + f.normalisedHash().substring(0, Math.min(12, f.normalisedHash().length())));
        }
        if (f.exactDuplicatesOnly()) {
            parts.add("exact duplicates");
        }
        if (parts.isEmpty()) {
            return f.equals(RowFilter.ALL) ? "all rows" : "rows matching " + f; // criteria added to RowFilter later
        }
        return "rows with " + String.join(", ", parts);
    }

    private static int bind(PreparedStatement s, int first, List<Object> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            s.setObject(i++, v);
        }
        return i;
    }

    private static long sum(int[] counts) {
        long n = 0;
        for (int k : counts) {
            n += Math.max(k, 0);
        }
        return n;
    }

    private static String tag(String tag) {
        String t = Objects.requireNonNull(tag, "tag").strip().replace('|', '/');
        if (t.isEmpty() || t.length() > 200) {
            throw new IllegalArgumentException("a tag has 1..200 characters, got '" + tag + "'");
        }
        return t;
    }

    static String rows(long n) {
        return n == 1 ? "1 row" : String.format(Locale.ROOT, "%,d rows", n);
    }
}
