package dev.modelfactory.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V18: drops the foreign keys of {@code dataset_row.dataset_id}, {@code held_by} and {@code import_id}, and
 * with them the three indexes H2 keeps for them (see docs/adr/0014-dataset-row-foreign-keys.md).
 *
 * <p>Why: every imported row paid for four secondary indexes and three parent lookups; the indexes serve only
 * the check when a dataset or an import report is deleted, which the store never does, and queries by dataset
 * use {@code dataset_row_keys} (dataset_id, id, norm_key) as well. On 100,000-row imports measured side by
 * side they cost about a third of the committing thread's CPU and 12 % of the file.
 *
 * <p>Why Java and not SQL: the constraints were declared inline in V3 and V7, so H2 named them
 * ({@code CONSTRAINT_...}); this migration looks the names up instead of trusting generated ones.
 */
final class RowForeignKeysMigration implements JavaMigration {

    static final String VERSION = "18";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(VERSION);
    }

    @Override
    public String getDescription() {
        return "dataset row foreign keys";
    }

    @Override
    public Integer getChecksum() {
        return 18_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<String> names = foreignKeys(c, List.of("DATASET_ID", "HELD_BY", "IMPORT_ID"));
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE dataset_row DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }

    /** The names of dataset_row's foreign keys on exactly one of {@code columns}. */
    static List<String> foreignKeys(Connection c, List<String> columns) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tc.CONSTRAINT_NAME, MIN(k.COLUMN_NAME), COUNT(*)"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
                + " ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                + " WHERE tc.TABLE_SCHEMA = SCHEMA() AND tc.TABLE_NAME = 'DATASET_ROW'"
                + " AND tc.CONSTRAINT_TYPE = 'FOREIGN KEY' GROUP BY tc.CONSTRAINT_NAME");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (r.getLong(3) == 1 && columns.contains(r.getString(2))) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }
}
