package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code dataset} table: one record per dataset (name, description, creation time); the rows live elsewhere. */
final class DatasetRecords {

    private static final String DATASET_COLUMNS = "id, name, description, created_at";

    private final Database db;

    DatasetRecords(Database db) {
        this.db = db;
    }

    /** Inserts a dataset (the name already checked); returns its id. */
    long insert(String name, String description) {
        return db.inTransaction("create dataset " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset (name, description, created_at)"
                    + " VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, name);
                s.setString(2, description == null ? "" : description);
                s.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    Optional<DatasetInfo> get(long id) {
        return db.withConnection("read dataset " + id, c -> datasets(c, " WHERE id = ?", id)).stream().findFirst();
    }

    Optional<DatasetInfo> findByName(String name) {
        return db.withConnection("find dataset " + name, c -> datasets(c, " WHERE name = ?", name.strip()))
                .stream().findFirst();
    }

    /** Every dataset, by name. */
    List<DatasetInfo> list() {
        return db.withConnection("list datasets", c -> datasets(c, " ORDER BY name"));
    }

    private static List<DatasetInfo> datasets(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + DATASET_COLUMNS + " FROM dataset" + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<DatasetInfo> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DatasetInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }
}
