package dev.modelfactory.ledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Small key/value settings kept inside the workspace (table {@code setting}), for preferences that
 * belong to the workspace rather than to the user: last opened dataset, default base model, ...
 *
 * <p>Keys are short dotted names ({@code ui.theme}), at most {@value #MAX_KEY_LENGTH} characters;
 * values are any text. There is no delete (settings are overwritten, never lost by accident).
 */
public final class Settings {

    /** The longest key the table accepts. */
    public static final int MAX_KEY_LENGTH = 200;

    private final Database db;

    Settings(Database db) {
        this.db = db;
    }

    /** @return the value stored under {@code key}, if any */
    public Optional<String> get(String key) {
        checkKey(key);
        return db.withConnection("read setting " + key, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value_text FROM setting WHERE name = ?")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    public void put(String key, String value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        db.inTransaction("save setting " + key, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "MERGE INTO setting (name, value_text, updated_at) KEY (name) VALUES (?, ?, ?)")) {
                s.setString(1, key);
                s.setString(2, value);
                s.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                return s.executeUpdate();
            }
        });
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a setting key must be 1.." + MAX_KEY_LENGTH
                    + " characters and not blank: '" + key + "'");
        }
    }
}
