package dev.modelfactory.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir);
        db = ws.jdbc();
        db.withConnection("create table", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("CREATE TABLE t (n INT PRIMARY KEY)");
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void commitsWhenTheWorkReturns() {
        int inserted = db.inTransaction("insert", c -> insert(c.createStatement(), 1) + insert(c.createStatement(), 2));
        assertThat(inserted).isEqualTo(2);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void rollsBackEverythingWhenTheWorkThrows() {
        assertThatThrownBy(() -> db.inTransaction("insert then fail", c -> {
            insert(c.createStatement(), 1);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(count()).isZero();
    }

    @Test
    void sqlErrorsComeOutAsStoreExceptionsSayingWhatWasBeingDone() {
        assertThatThrownBy(() -> db.inTransaction("insert a duplicate", c -> {
            insert(c.createStatement(), 1);
            return insert(c.createStatement(), 1);
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot insert a duplicate")
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThat(count()).as("the first insert was rolled back too").isZero();
    }

    private long count() {
        return db.withConnection("count", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static int insert(Statement s, int n) throws java.sql.SQLException {
        try (s) {
            return s.executeUpdate("INSERT INTO t VALUES (" + n + ")");
        }
    }
}
