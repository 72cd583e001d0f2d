package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.check.LshClusterer;
import dev.modelfactory.ledger.dataset.check.MinHasher;
import dev.modelfactory.ledger.dataset.check.PiiDetector;
import dev.modelfactory.ledger.dataset.check.PiiKind;
import dev.modelfactory.ledger.dataset.check.PiiMatch;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.dataset.check.Shingles;
import dev.modelfactory.ledger.dataset.check.TextChecks;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs the curation checks over one dataset and stores what they find: a {@link RowFlag} mask and the
 * token count per row, PII spans ({@code row_pii}) and near-duplicate clusters ({@code near_dup}).
 *
 * <p>Shape of the work: (1) exact and cross-contributor duplicates from {@code dataset_dup} (only the
 * duplicate candidates are read); (2) one stream over the rows in id order, in keyset pages of
 * {@value #PAGE} (never all rows in memory), computing the per-row checks and MinHash band keys, and
 * writing each page's changed flags and PII spans in one transaction; (3) LSH clustering of the band
 * keys, then {@code near_dup} and the near-duplicate bits. Memory: the band keys of the rows (about
 * 120 bytes per row, see {@link LshClusterer}) plus one page. A cancel stops between pages: the rows
 * of the pages written keep their new flags, clusters stay as the previous check left them.
 */
final class CheckRunner {

    static final int PAGE = 2_000;

    private final Database db;
    private final CheckOptions options;
    private final PiiDetector pii = new PiiDetector();
    private final long owned;

    CheckRunner(Database db, CheckOptions options) {
        this.db = db;
        this.options = options;
        long m = RowFlag.EXACT_DUPLICATE.mask() | RowFlag.CROSS_CONTRIBUTOR_DUPLICATE.mask();
        if (options.text()) {
            m |= RowFlag.mask(java.util.EnumSet.of(RowFlag.EMPTY_OUTPUT, RowFlag.TRUNCATED_OUTPUT, RowFlag.TOO_LONG,
                    RowFlag.TOO_SHORT, RowFlag.MOSTLY_NON_TEXT));
        }
        if (options.pii()) {
            m |= RowFlag.PII.mask();
            for (PiiKind k : PiiKind.values()) {
                m |= k.flag().mask();
            }
        }
        this.owned = m;
    }

    CheckSummary run(long datasetId, ProgressListener progress, CancellationToken cancel) {
        long started = System.nanoTime();
        new ExactDuplicates(db).ensureCurrent(datasetId);
        DuplicateMembers dups = db.withConnection("read duplicates of dataset " + datasetId,
                c -> DuplicateMembers.read(c, datasetId));
        long total = db.withConnection("count rows", c -> RowQueries.workingSetSize(c, datasetId));
        MinHasher hasher = options.nearDuplicates() ? new MinHasher(options.permutations(), options.seed()) : null;
        LshClusterer clusterer = options.nearDuplicates() ? new LshClusterer(options.bands(), (int) Math.min(total, 1 << 20)) : null;
        LongList clusterIds = new LongList();
        LongList oldNear = new LongList();
        long nearNanos = 0;
        long changed = 0;
        long done = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            if (cancel.isCancellationRequested()) {
                throw new CancellationException("checks cancelled after " + done + " rows");
            }
            List<Checked> page = new ArrayList<>(PAGE);
            long from = after;
            after = db.withConnection("read rows to check", c -> readPage(c, datasetId, from, page));
            if (page.isEmpty()) {
                break;
            }
            // the checks of different rows are independent: spread them over the cores (the common
            // fork-join pool); the token counter is called here, one row at a time, as its contract allows
            page.parallelStream().forEach(r -> {
                check(r, dups);
                if (hasher != null && !r.rejected) {
                    long t = System.nanoTime();
                    r.signature = hasher.signature(Shingles.hashes(r.row, options.shingleWords()));
                    r.signatureNanos = System.nanoTime() - t;
                }
            });
            for (Checked r : page) {
                countTokens(r);
                if (r.signature != null) {
                    long t = System.nanoTime();
                    clusterer.add(r.signature);
                    clusterIds.add(r.id);
                    nearNanos += System.nanoTime() - t + r.signatureNanos;
                }
                if ((r.oldFlags & RowFlag.NEAR_DUPLICATE.mask()) != 0) {
                    oldNear.add(r.id);
                }
            }
            changed += db.inTransaction("write checks of " + page.size() + " rows", c -> writePage(c, datasetId, page));
            done += page.size();
            progress.onProgress(done, Math.max(done, total));
            if (page.size() < PAGE) {
                break;
            }
        }
        long clusters = 0;
        if (clusterer != null) {
            long t = System.nanoTime();
            clusters = NearDuplicateWriter.write(db, datasetId, clusterer.roots(), clusterIds.toArray(), oldNear.toArray());
            nearNanos += System.nanoTime() - t;
        }
        db.inTransaction("record the check of dataset " + datasetId, c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO dataset_state (dataset_id, dups_current, checked_at,"
                    + " check_options) KEY (dataset_id) VALUES (?, TRUE, CURRENT_TIMESTAMP, ?)")) {
                s.setLong(1, datasetId);
                s.setString(2, describe());
                return s.executeUpdate();
            }
        });
        return new CheckSummary(done, changed, DatasetStatistics.flagCounts(db, datasetId, RowFilter.ALL), clusters,
                Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(nearNanos));
    }

    private String describe() {
        return "text=" + options.text() + " pii=" + options.pii() + " near=" + options.nearDuplicates() + " tokens="
                + options.minTokens() + ".." + options.maxTokens() + " letters>=" + options.minLetterRatio() + " jaccard>="
                + options.nearDuplicateThreshold() + " perms=" + options.permutations() + " shingle=" + options.shingleWords();
    }

    /** A row being checked: what was read, and what the checks found. */
    private static final class Checked {
        long id;
        boolean rejected;
        long oldFlags;
        Integer oldTokens;
        Conversation row;
        long flags;
        Integer tokens;
        List<PiiMatch> pii = List.of();
        int[] signature;
        long signatureNanos;
    }

    private void check(Checked r, DuplicateMembers dups) {
        long f = 0;
        if (!r.rejected && dups.exact.contains(r.id)) {
            f |= RowFlag.EXACT_DUPLICATE.mask();
        }
        if (!r.rejected && dups.crossContributor.contains(r.id)) {
            f |= RowFlag.CROSS_CONTRIBUTOR_DUPLICATE.mask();
        }
        r.tokens = r.oldTokens;
        if (options.text()) {
            if (TextChecks.emptyOutput(r.row)) {
                f |= RowFlag.EMPTY_OUTPUT.mask();
            } else if (TextChecks.truncationReason(r.row) != null) {
                f |= RowFlag.TRUNCATED_OUTPUT.mask();
            }
            if (TextChecks.mostlyNonText(r.row, options.minLetterRatio())) {
                f |= RowFlag.MOSTLY_NON_TEXT.mask();
            }
        }
        if (options.pii()) {
            r.pii = pii.find(r.row);
            for (PiiMatch m : r.pii) {
                f |= RowFlag.PII.mask() | m.kind().flag().mask();
            }
        }
        r.flags = (r.oldFlags & ~owned) | f;
    }

    /** Counts the row's tokens and sets the length flags (on the calling thread only). */
    private void countTokens(Checked r) {
        if (!options.text()) {
            return;
        }
        int tokens = tokens(r.row);
        r.tokens = tokens;
        if (options.maxTokens() > 0 && tokens > options.maxTokens()) {
            r.flags |= RowFlag.TOO_LONG.mask();
        }
        if (options.minTokens() > 0 && tokens < options.minTokens()) {
            r.flags |= RowFlag.TOO_SHORT.mask();
        }
    }

    private int tokens(Conversation row) {
        long n = row.text() == null ? 0 : options.tokenCounter().count(row.text());
        for (Message m : row.messages()) {
            n += options.tokenCounter().count(m.content());
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** Reads the page of rows after id {@code after}; returns the last id read. */
    private static long readPage(Connection c, long datasetId, long after, List<Checked> out) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, status, flags, token_count, payload FROM dataset_row"
                + " WHERE dataset_id = ? AND id > ? ORDER BY dataset_id, id LIMIT " + PAGE)) {
            s.setLong(1, datasetId);
            s.setLong(2, after);
            long last = after;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Checked r = new Checked();
                    r.id = rs.getLong(1);
                    r.rejected = "rejected".equals(rs.getString(2));
                    r.oldFlags = rs.getLong(3);
                    r.oldTokens = rs.getObject(4, Integer.class);
                    r.row = RowJson.read(rs.getString(5), List.of());
                    out.add(r);
                    last = r.id;
                }
            }
            return last;
        }
    }

    private long writePage(Connection c, long datasetId, List<Checked> page) throws SQLException {
        long changed = 0;
        try (PreparedStatement s = c.prepareStatement("UPDATE dataset_row SET flags = ?, token_count = ? WHERE id = ?")) {
            for (Checked r : page) {
                if (r.flags != r.oldFlags || !java.util.Objects.equals(r.tokens, r.oldTokens)) {
                    s.setLong(1, r.flags);
                    if (r.tokens == null) {
                        s.setNull(2, Types.INTEGER);
                    } else {
                        s.setInt(2, r.tokens);
                    }
                    s.setLong(3, r.id);
                    s.addBatch();
                    changed++;
                }
            }
            s.executeBatch();
        }
        if (options.pii()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM row_pii WHERE row_id >= ? AND row_id <= ? AND dataset_id = ?")) {
                del.setLong(1, page.getFirst().id);
                del.setLong(2, page.getLast().id);
                del.setLong(3, datasetId);
                del.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO row_pii (dataset_id, row_id, seq, kind, field,"
                    + " span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Checked r : page) {
                    int seq = 0;
                    for (PiiMatch m : r.pii) {
                        s.setLong(1, datasetId);
                        s.setLong(2, r.id);
                        s.setInt(3, ++seq);
                        s.setString(4, m.kind().wire());
                        s.setInt(5, m.field());
                        s.setInt(6, m.start());
                        s.setInt(7, m.end());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        }
        return changed;
    }

    /** A growable array of longs. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
