package dev.modelfactory.ledger.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The workspace's models (table {@code model}), for {@code model import|list|show} and the Models page.
 *
 * <p>A model is registered under its content hash, so registering is idempotent: the same weights
 * registered again keep their metadata and first import time, and only the user-facing parts (name,
 * location) are updated. Users refer to a model by full id, by a unique id prefix of at least
 * {@value #MIN_PREFIX} hex characters (git style), or by its exact name; see {@link #find}.
 * Nothing is ever deleted here (nothing the user made goes without a confirmation).
 */
public final class ModelRegistry {

    /** The shortest id prefix {@link #find} accepts, so short strings never match by accident. */
    public static final int MIN_PREFIX = 6;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final String COLUMNS = "id, name, location, import_mode, format, architecture, parameter_count,"
            + " quantisation, context_length, size_bytes, imported_at";

    private final Database db;

    ModelRegistry(Database db) {
        this.db = db;
    }

    /**
     * Registers {@code model}, or, if its id is already registered, updates the stored name and
     * location only (the metadata of identical bytes cannot differ, and the first import time stays).
     *
     * @return the record as stored afterwards
     */
    public ModelRecord register(ModelRecord model) {
        Objects.requireNonNull(model, "model");
        return db.inTransaction("register model " + model.shortId(), c -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE model SET name = ?, location = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, model.name());
                update.setString(2, model.location().toString());
                update.setObject(3, now);
                update.setString(4, model.id());
                if (update.executeUpdate() == 0) {
                    insert(c, model, now);
                }
            }
            return select(c, "WHERE id = ?", model.id()).getFirst();
        });
    }

    /** @return the model with exactly this id (any case), if registered */
    public Optional<ModelRecord> get(String id) {
        Objects.requireNonNull(id, "id");
        List<ModelRecord> found = db.withConnection("read model " + id,
                c -> select(c, "WHERE id = ?", id.toLowerCase(Locale.ROOT)));
        return found.stream().findFirst();
    }

    /** @return every registered model, by name then id */
    public List<ModelRecord> list() {
        return db.withConnection("list models", c -> select(c, "ORDER BY name, id"));
    }

    /**
     * Resolves what a user typed: a full id, else the models whose exact name is {@code reference} or
     * whose id starts with it (when it is at least {@value #MIN_PREFIX} hex characters).
     *
     * @return the one model meant, or empty if none matches
     * @throws AmbiguousReferenceException if more than one model matches; its message lists them
     */
    public Optional<ModelRecord> find(String reference) {
        Objects.requireNonNull(reference, "reference");
        String typed = reference.strip();
        Optional<ModelRecord> exact = get(typed);
        if (exact.isPresent()) {
            return exact;
        }
        Map<String, ModelRecord> matches = new LinkedHashMap<>();
        db.withConnection("find model " + typed, c -> {
            select(c, "WHERE name = ? ORDER BY id", typed).forEach(m -> matches.put(m.id(), m));
            String lower = typed.toLowerCase(Locale.ROOT);
            if (lower.length() >= MIN_PREFIX && HEX.matcher(lower).matches()) {
                select(c, "WHERE id LIKE ? ORDER BY id", lower + "%").forEach(m -> matches.put(m.id(), m));
            }
            return null;
        });
        if (matches.size() > 1) {
            throw new AmbiguousReferenceException("model", typed, matches.values().stream()
                    .map(m -> m.shortId() + " (" + m.name() + ")").toList());
        }
        return matches.values().stream().findFirst();
    }

    private static void insert(java.sql.Connection c, ModelRecord m, OffsetDateTime now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO model (" + COLUMNS + ", updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, m.id());
            s.setString(2, m.name());
            s.setString(3, m.location().toString());
            s.setString(4, m.mode().name());
            s.setString(5, m.format());
            s.setString(6, m.architecture());
            s.setLong(7, m.parameterCount());
            s.setString(8, m.quantisation());
            s.setInt(9, m.contextLength());
            s.setLong(10, m.sizeBytes());
            s.setObject(11, m.importedAt().atOffset(ZoneOffset.UTC));
            s.setObject(12, now);
            s.executeUpdate();
        }
    }

    private static List<ModelRecord> select(java.sql.Connection c, String where, String... params)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<ModelRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ModelRecord(rs.getString(1), rs.getString(2), Path.of(rs.getString(3)),
                            ImportMode.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getLong(7),
                            rs.getString(8), rs.getInt(9), rs.getLong(10),
                            rs.getObject(11, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }
}
