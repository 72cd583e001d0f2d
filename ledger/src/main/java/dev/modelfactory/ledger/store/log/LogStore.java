package dev.modelfactory.ledger.store.log;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The log tables. Appends run in one transaction that reads the tail, places each new entry after it and
 * lets the caller's {@code sealer} compute its hash; {@code seq} as primary key and {@code prev_hash} as
 * unique key make a concurrent append fail (and roll back) rather than fork the chain. There is no update
 * or delete. Thread-safe.
 */
public final class LogStore {

    /** The previous hash of the first entry: 32 zero bytes. */
    public static final String GENESIS = "0x" + "0".repeat(64);

    private static final String COLUMNS = "seq, record_type, typed_data, signature, signer, created_at, prev_hash, entry_hash";
    private static final int FETCH = 500;

    private final Database db;

    public LogStore(Workspace workspace) {
        this.db = workspace.jdbc();
    }

    /**
     * Appends {@code drafts} (seq, prevHash and entryHash unset) after the current tail, in one transaction.
     *
     * @param sealer computes the entry hash of an entry whose seq and prevHash are set; returns it sealed
     * @return the stored entries
     */
    public List<StoredEntry> append(List<StoredEntry> drafts, UnaryOperator<StoredEntry> sealer) {
        return db.inTransaction("append " + drafts.size() + " ledger entries", c -> {
            long seq = 0;
            String prev = GENESIS;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, entry_hash FROM ledger_entry ORDER BY seq DESC LIMIT 1")) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    prev = rs.getString(2);
                }
            }
            List<StoredEntry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_entry (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredEntry d : drafts) {
                    StoredEntry e = sealer.apply(d.at(++seq, prev));
                    bind(s, e);
                    s.executeUpdate();
                    prev = e.entryHash();
                    out.add(e);
                }
            }
            return out;
        });
    }

    /** Entries in seq order from {@code fromSeq}, at most {@code limit}. */
    public List<StoredEntry> entries(long fromSeq, int limit) {
        return db.withConnection("read ledger entries", c -> select(c, "FROM ledger_entry WHERE seq >= ? ORDER BY seq LIMIT ?",
                fromSeq, limit));
    }

    /** Entries signed by {@code signer} (any case), in seq order. */
    public List<StoredEntry> entriesBySigner(String signer) {
        return db.withConnection("read ledger entries", c -> select(c,
                "FROM ledger_entry WHERE LOWER(signer) = LOWER(?) ORDER BY seq", signer));
    }

    /** One entry. */
    public Optional<StoredEntry> entry(long seq) {
        return db.withConnection("read ledger entry " + seq, c -> select(c, "FROM ledger_entry WHERE seq = ?", seq))
                .stream().findFirst();
    }

    /** Streams every entry in seq order to {@code each} (one connection, fetched in chunks). */
    public void forEach(Consumer<StoredEntry> each) {
        db.withConnection("walk the ledger", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_entry ORDER BY seq")) {
                s.setFetchSize(FETCH);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        each.accept(read(rs));
                    }
                }
            }
            return null;
        });
    }

    /** How many entries, and the last seq (0 when empty). */
    public long lastSeq() {
        return db.withConnection("read ledger tail", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Stores a sealed batch; returns it with its id. */
    public StoredBatch addBatch(long firstSeq, long lastSeq, String root, Instant now) {
        return db.inTransaction("store ledger batch", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_batch (first_seq, last_seq, root, created_at)"
                    + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, firstSeq);
                s.setLong(2, lastSeq);
                s.setString(3, root);
                s.setObject(4, now.atOffset(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return new StoredBatch(keys.getLong(1), firstSeq, lastSeq, root, now);
                }
            }
        });
    }

    /** Sealed batches, oldest first. */
    public List<StoredBatch> batches() {
        return db.withConnection("list ledger batches", c -> {
            List<StoredBatch> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, first_seq, last_seq, root, created_at FROM ledger_batch ORDER BY first_seq")) {
                while (rs.next()) {
                    out.add(new StoredBatch(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        });
    }

    /**
     * Stores entries of a verified bundle; entries already imported (same entry hash) are skipped.
     *
     * @return how many were new
     */
    public int addImported(List<StoredEntry> entries, String bundleRoot, Instant now) {
        return db.inTransaction("import ledger entries", c -> {
            int added = 0;
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM ledger_imported WHERE entry_hash = ?");
                 PreparedStatement s = c.prepareStatement("INSERT INTO ledger_imported (entry_hash, source_seq, record_type,"
                         + " typed_data, signature, signer, created_at, prev_hash, bundle_root, imported_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredEntry e : entries) {
                    exists.setString(1, e.entryHash());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    s.setString(1, e.entryHash());
                    s.setLong(2, e.seq());
                    s.setString(3, e.recordType());
                    s.setString(4, e.typedData());
                    s.setString(5, e.signature());
                    s.setString(6, e.signer());
                    s.setLong(7, e.createdAt());
                    s.setString(8, e.prevHash());
                    s.setString(9, bundleRoot);
                    s.setObject(10, now.atOffset(ZoneOffset.UTC));
                    s.executeUpdate();
                    added++;
                }
            }
            return added;
        });
    }

    /** Imported entries, by source seq. */
    public List<StoredEntry> imported() {
        return db.withConnection("list imported ledger entries", c -> {
            List<StoredEntry> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT source_seq, record_type,"
                    + " typed_data, signature, signer, created_at, prev_hash, entry_hash FROM ledger_imported"
                    + " ORDER BY bundle_root, source_seq")) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private static void bind(PreparedStatement s, StoredEntry e) throws SQLException {
        s.setLong(1, e.seq());
        s.setString(2, e.recordType());
        s.setString(3, e.typedData());
        s.setString(4, e.signature());
        s.setString(5, e.signer());
        s.setLong(6, e.createdAt());
        s.setString(7, e.prevHash());
        s.setString(8, e.entryHash());
    }

    private static List<StoredEntry> select(Connection c, String from, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " " + from)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static StoredEntry read(ResultSet rs) throws SQLException {
        return new StoredEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8));
    }
}
