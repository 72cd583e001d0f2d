package dev.modelfactory.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * JDBC access to an open workspace's database, for the store classes of {@code ledger.store} (an
 * ArchUnit rule keeps JDBC inside that package).
 *
 * <p>Each call borrows a fresh embedded connection (cheap: the database stays open for as long as the
 * {@link Workspace} does) and returns it closed, so work from several background threads never shares
 * a connection. {@link #inTransaction} commits when the work returns and rolls back when it throws;
 * an {@link SQLException} comes out as {@link StoreException} naming what was being done.
 */
public final class Database {

    /** A unit of JDBC work that yields a result. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    static {
        H2Settings.apply();
    }

    private final JdbcDataSource dataSource;
    private volatile boolean closed;

    Database(String url) {
        this.dataSource = new JdbcDataSource();
        dataSource.setURL(url);
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param what  a few words for error messages, e.g. {@code "save setting theme"}
     * @throws StoreException if the work or the commit fails with an SQLException
     */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: for single reads and single writes.
     *
     * @throws StoreException if the work fails with an SQLException
     */
    public <T> T withConnection(String what, SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** A new connection the caller must close; refused once the workspace is closed. */
    Connection connect() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the workspace is closed");
        }
        return dataSource.getConnection();
    }

    /** The data source behind {@link #connect()}, for Flyway. */
    DataSource dataSource() {
        return dataSource;
    }

    /** Refuses further calls; the workspace shuts the database down itself. */
    void markClosed() {
        closed = true;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
