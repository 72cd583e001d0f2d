package dev.modelfactory.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V18 on a workspace that already holds rows, and on a new one. */
class RowForeignKeysMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aWorkspaceAtV17KeepsItsRowsAndLosesTheRowForeignKeys() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Workspace.DATABASE_NAME);
        Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, "", "").locations(Migrations.LOCATION)
                .target("17").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(foreignKeyColumns(c)).containsExactlyInAnyOrder("DATASET_ID", "IMPORT_ID", "HELD_BY");
            s.execute("INSERT INTO dataset (name, description, created_at) VALUES ('d', '', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO import_report (dataset_id, source, format, allowed_uses, started_at, status,"
                    + " imported, rejected, duplicates_in_file) VALUES (1, 'f.jsonl', 'alpaca', 3, CURRENT_TIMESTAMP,"
                    + " 'completed', 2, 0, 0)");
            for (int i = 1; i <= 2; i++) {
                s.execute("INSERT INTO dataset_row (dataset_id, row_hash, norm_hash, norm_key, payload, content_length,"
                        + " allowed_uses, tags, status, import_id, source_line, source_record) VALUES (1, '"
                        + "a".repeat(64) + "', '" + "b".repeat(64) + "', " + i + ", '{}', 0, 3, '', 'pending', 1, " + i
                        + ", " + i + ")");
            }
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(ws.schemaVersion()).isEqualTo(RowForeignKeysMigration.VERSION);
            ws.jdbc().withConnection("check", c -> {
                assertThat(foreignKeyColumns(c)).isEmpty();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(import_id) FROM dataset_row WHERE dataset_id = 1")) {
                    r.next();
                    assertThat(r.getLong(1)).isEqualTo(2);
                    assertThat(r.getLong(2)).isEqualTo(1);
                }
                try (Statement s = c.createStatement()) {
                    // import_report keeps its own foreign key to dataset: an import of a missing dataset still fails
                    // before any row is written.
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("INSERT INTO import_report"
                            + " (dataset_id, source, format, allowed_uses, started_at, status, imported, rejected,"
                            + " duplicates_in_file) VALUES (99, 'g.jsonl', 'alpaca', 3, CURRENT_TIMESTAMP, 'running', 0, 0, 0)"))
                            .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("DATASET");
                }
                return null;
            });
        }
    }

    @Test
    void aNewWorkspaceHasNoRowForeignKeysAndOneSecondaryIndexOnRows() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.jdbc().withConnection("check", c -> {
                assertThat(foreignKeyColumns(c)).isEmpty();
                List<String> secondary = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT INDEX_NAME FROM"
                        + " INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'DATASET_ROW' AND INDEX_TYPE_NAME = 'INDEX'")) {
                    while (r.next()) {
                        secondary.add(r.getString(1));
                    }
                }
                assertThat(secondary).containsExactly("DATASET_ROW_KEYS");
                return null;
            });
        }
    }

    private static List<String> foreignKeyColumns(Connection c) throws java.sql.SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT k.COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
                + " ON k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.TABLE_NAME = 'DATASET_ROW'"
                + " AND tc.CONSTRAINT_TYPE = 'FOREIGN KEY'")) {
            while (r.next()) {
                columns.add(r.getString(1));
            }
        }
        return columns;
    }
}
