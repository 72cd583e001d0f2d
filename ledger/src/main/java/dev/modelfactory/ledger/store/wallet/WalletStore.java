package dev.modelfactory.ledger.store.wallet;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wallet tables of a workspace. Writes are one transaction each, so a wallet is never half created.
 * Accounts are never deleted here. Thread-safe.
 */
public final class WalletStore {

    private static final String COLUMNS = "address, name, keystore, source, derivation_index, created_at";

    private final Database db;

    public WalletStore(Workspace workspace) {
        this.db = workspace.jdbc();
    }

    /** Every account, oldest first. */
    public List<StoredAccount> accounts() {
        return db.withConnection("list wallet accounts", c -> select(c, " ORDER BY created_at, name"));
    }

    /** The account with this address (any case) or exact name. */
    public Optional<StoredAccount> find(String nameOrAddress) {
        return db.withConnection("find wallet account", c -> select(c,
                " WHERE LOWER(address) = LOWER(?) OR name = ?", nameOrAddress, nameOrAddress)).stream().findFirst();
    }

    /** The stored mnemonic, if the workspace has one. */
    public Optional<StoredSeed> seed() {
        return db.withConnection("read wallet seed", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT keystore, word_count, created_at FROM wallet_seed");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new StoredSeed(rs.getString(1), rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant())) : Optional.<StoredSeed>empty();
            }
        });
    }

    /** The next unused derivation index (one past the highest). */
    public int nextDerivationIndex() {
        return db.withConnection("read derivation index", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(derivation_index) FROM wallet_account");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                Integer max = rs.getObject(1, Integer.class);
                return max == null ? 0 : max + 1;
            }
        });
    }

    /**
     * Stores {@code seed} (if given) and {@code accounts} in one transaction.
     *
     * @throws IllegalArgumentException if a seed is given and one exists, or a name or address is taken
     */
    public void add(Optional<StoredSeed> seed, List<StoredAccount> accounts) {
        db.inTransaction("store wallet accounts", c -> {
            if (seed.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM wallet_seed"); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw new IllegalArgumentException("this workspace already has a mnemonic; add accounts from it,"
                                + " or import other keys by private key or keystore");
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO wallet_seed (id, keystore, word_count, created_at) VALUES (1, ?, ?, ?)")) {
                    s.setString(1, seed.get().keystoreJson());
                    s.setInt(2, seed.get().wordCount());
                    s.setObject(3, seed.get().createdAt().atOffset(ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
            for (StoredAccount a : accounts) {
                List<StoredAccount> clash = select(c, " WHERE LOWER(address) = LOWER(?) OR name = ?", a.address(), a.name());
                if (!clash.isEmpty()) {
                    StoredAccount other = clash.getFirst();
                    throw new IllegalArgumentException(other.address().equalsIgnoreCase(a.address())
                            ? "account " + a.address() + " is already in the wallet as '" + other.name() + "'"
                            : "an account named '" + a.name() + "' already exists");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO wallet_account (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, a.address());
                    s.setString(2, a.name());
                    s.setString(3, a.keystoreJson());
                    s.setString(4, a.source());
                    s.setObject(5, a.derivationIndex());
                    s.setObject(6, a.createdAt().atOffset(ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static List<StoredAccount> select(Connection c, String where, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM wallet_account" + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<StoredAccount> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, Integer.class), rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }
}
