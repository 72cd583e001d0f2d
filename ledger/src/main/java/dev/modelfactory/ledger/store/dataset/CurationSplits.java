package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Splitter;
import dev.modelfactory.ledger.dataset.StratifiedSplitter;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

/**
 * The recorded split operation (also behind {@link DatasetStore#assignSplits} and a freeze with a split): rows
 * not rejected, in row-hash order, keyed by {@link Splitter#key}, optionally stratified by tag, with every
 * changed row's split before and after kept in the history so it can be undone.
 *
 * <p>Stratified: a row's stratum is its set of tags (order and repeats ignored; untagged rows are one
 * stratum), and each stratum is split on its own with the same ratios ({@link StratifiedSplitter}). A
 * dataset tagged one tag per row is thus split "per tag". Rejected rows lose their split, as in
 * {@code assignSplits}. Memory: about 25 bytes per row (ids, keys, splits), never the payloads.
 */
final class CurationSplits {

    private static final int FETCH = 1_000;
    private static final int BATCH = 5_000;

    private final Database db;

    CurationSplits(Database db) {
        this.db = db;
    }

    Optional<HistoryEntry> split(long datasetId, SplitSpec spec, boolean stratifyByTag, String actor,
                                 ProgressListener progress, CancellationToken cancel) {
        return splitCounting(datasetId, spec, stratifyByTag, actor, progress, cancel).entry();
    }

    /**
     * What a split did: how many rows (not rejected) it assigned a split to, changed or not, and the history
     * entry if any row changed.
     */
    record Outcome(int assigned, Optional<HistoryEntry> entry) {
    }

    /**
     * {@link #split} that also says how many rows were assigned (what {@code assignSplits} returns).
     * Progress counts rows read and then rows recorded (twice the dataset's rows in all); a cancel, checked
     * every {@value #FETCH} rows, rolls the whole split back and throws {@link CancellationException}.
     */
    Outcome splitCounting(long datasetId, SplitSpec spec, boolean stratifyByTag, String actor, ProgressListener progress,
                          CancellationToken cancel) {
        java.util.Objects.requireNonNull(spec, "spec");
        int[] assigned = {0};
        try {
            HistoryEntry entry = db.inTransaction("split dataset " + datasetId, c -> {
                CurationHistory.lockDataset(c, datasetId);
                Work work = new Work(progress, cancel, 2 * RowQueries.workingSetSize(c, datasetId));
                Rows rows = read(c, datasetId, spec.seed(), work);
                assigned[0] = rows.ids.size();
                Split[] after = stratifyByTag ? StratifiedSplitter.assign(spec, rows.keys.toArray(), rows.strata())
                        : Splitter.assign(spec, rows.keys.toArray());
                Map<String, String> params = new HashMap<>();
                params.put("train", Double.toString(spec.train()));
                params.put("validation", Double.toString(spec.validation()));
                params.put("test", Double.toString(spec.test()));
                params.put("seed", Long.toString(spec.seed()));
                params.put("stratifyByTag", Boolean.toString(stratifyByTag));
                long op = CurationHistory.insertOp(c, datasetId, CurationKind.SPLIT, params, actor);
                long n = record(c, op, rows, after, work);
                if (n == 0) {
                    throw new CurationOps.NoChange();
                }
                String description = String.format(Locale.ROOT, "split %s/%s/%s, seed %d%s: %s changed", ratio(spec.train()),
                        ratio(spec.validation()), ratio(spec.test()), spec.seed(), stratifyByTag ? ", stratified by tag" : "",
                        CurationOps.rows(n));
                return CurationHistory.finish(c, datasetId, op, CurationKind.SPLIT, n, description);
            });
            return new Outcome(assigned[0], Optional.of(entry));
        } catch (CurationOps.NoChange same) {
            return new Outcome(assigned[0], Optional.empty());
        }
    }

    /** Rows not rejected (to split) in row-hash order, and rejected rows that still have a split. */
    private static final class Rows {
        final LongArray ids = new LongArray();
        final LongArray keys = new LongArray();
        final LongArray before = new LongArray(); // split code, 0 = none
        final LongArray stratum = new LongArray();
        final LongArray rejectedWithSplit = new LongArray();
        final LongArray rejectedBefore = new LongArray();
        final Map<String, Integer> strata = new HashMap<>();

        int[] strata() {
            return Arrays.stream(stratum.toArray()).mapToInt(v -> (int) v).toArray();
        }
    }

    /** Progress over the two passes, and the cancel checked every {@value #FETCH} rows. */
    private static final class Work {
        private final ProgressListener progress;
        private final CancellationToken cancel;
        private final long total;
        private long done;

        Work(ProgressListener progress, CancellationToken cancel, long total) {
            this.progress = java.util.Objects.requireNonNull(progress, "progress");
            this.cancel = java.util.Objects.requireNonNull(cancel, "cancel");
            this.total = total;
        }

        void step() {
            if (++done % FETCH == 0) {
                if (cancel.isCancellationRequested()) {
                    throw new CancellationException("split cancelled; nothing was changed");
                }
                progress.onProgress(Math.min(done, total), total);
            }
        }
    }

    private static Rows read(Connection c, long datasetId, long seed, Work work) throws SQLException {
        Rows rows = new Rows();
        try (PreparedStatement s = c.prepareStatement("SELECT id, row_hash, split, tags, status FROM dataset_row"
                + " WHERE dataset_id = ? ORDER BY row_hash, id")) {
            s.setFetchSize(FETCH);
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    work.step();
                    Split split = Split.ofWire(rs.getString(3));
                    int code = split == null ? 0 : split.code();
                    if ("rejected".equals(rs.getString(5))) {
                        if (split != null) {
                            rows.rejectedWithSplit.add(rs.getLong(1));
                            rows.rejectedBefore.add(code);
                        }
                        continue;
                    }
                    rows.ids.add(rs.getLong(1));
                    rows.keys.add(Splitter.key(seed, rs.getString(2)));
                    rows.before.add(code);
                    String key = String.join("\u0000", new TreeSet<>(RowQueries.parseTags(rs.getString(4))));
                    rows.stratum.add(rows.strata.computeIfAbsent(key, k -> rows.strata.size()));
                }
            }
        }
        return rows;
    }

    private static long record(Connection c, long op, Rows rows, Split[] after, Work work) throws SQLException {
        long n = 0;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO curation_op_row (op_id, row_id, before_split, after_split)"
                + " VALUES (?, ?, ?, ?)")) {
            int pending = 0;
            for (int i = 0; i < after.length + rows.rejectedWithSplit.size(); i++) {
                work.step();
                boolean rejected = i >= after.length;
                int j = rejected ? i - after.length : i;
                int beforeCode = (int) (rejected ? rows.rejectedBefore.get(j) : rows.before.get(j));
                Split to = rejected ? null : after[j];
                if (beforeCode == (to == null ? 0 : to.code())) {
                    continue;
                }
                s.setLong(1, op);
                s.setLong(2, rejected ? rows.rejectedWithSplit.get(j) : rows.ids.get(j));
                s.setString(3, wire(beforeCode));
                s.setString(4, to == null ? null : to.wire());
                s.addBatch();
                n++;
                if (++pending == BATCH) {
                    s.executeBatch();
                    pending = 0;
                }
            }
            s.executeBatch();
        }
        return n;
    }

    private static String wire(int code) {
        for (Split s : Split.values()) {
            if (s.code() == code) {
                return s.wire();
            }
        }
        return null;
    }

    private static String ratio(double r) {
        return new java.math.BigDecimal(Double.toString(r)).stripTrailingZeros().toPlainString();
    }
}
