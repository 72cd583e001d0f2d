package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An open workspace: the folder holding {@code workspace.mv.db} (H2, schema by Flyway) and
 * {@code blobs/} (content-addressed files), held exclusively by this studio until {@link #close()}.
 *
 * <p>Opening, in order: create the folder if missing; take the lock ({@code workspace.lock}, see
 * {@link WorkspaceLockedException}); check read-only that the database is not from a newer build
 * ({@link WorkspaceSchemaTooNewException}); open the database read-write (H2 adds its own file
 * lock); apply pending migrations; record {@link WorkspaceInfo} on first creation; open the blob store
 * and clean up unfinished writes of an earlier session. A refusal at any step touches nothing and
 * releases what was taken.
 *
 * <p>Thread-safe: settings, blobs and {@link #jdbc()} may be used from several background threads.
 */
public final class Workspace implements AutoCloseable {

    /** The H2 database file name, without H2's {@code .mv.db} suffix. */
    static final String DATABASE_NAME = "workspace";
    /** H2 appends this to {@link #DATABASE_NAME}. */
    static final String DATABASE_FILE = DATABASE_NAME + ".mv.db";

    // File mode, embedded only (no AUTO_SERVER: one studio per workspace, enforced by the lock), and
    // no JVM shutdown hook closing the database behind the app's back: Workspace.close() does it.
    static {
        H2Settings.apply(); // before the first H2 class loads: the read-only schema check below may be first
    }

    private static final String URL_SETTINGS = ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
    // For the schema check: refuse to create, and open the file read-only so nothing can be written.
    private static final String READ_ONLY_SETTINGS = ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";

    private final Path root;
    private final WorkspaceLock lock;
    private final Database db;
    private final Connection keeper;
    private final BlobStore blobs;
    private final Settings settings;
    private final ModelRegistry models;
    private final String schemaVersion;
    private final String latestKnownSchemaVersion;
    private boolean closed;

    private Workspace(Path root, WorkspaceLock lock, Database db, Connection keeper, BlobStore blobs,
                      String schemaVersion, String latestKnownSchemaVersion) {
        this.root = root;
        this.lock = lock;
        this.db = db;
        this.keeper = keeper;
        this.blobs = blobs;
        this.settings = new Settings(db);
        this.models = new ModelRegistry(db);
        this.schemaVersion = schemaVersion;
        this.latestKnownSchemaVersion = latestKnownSchemaVersion;
    }

    /**
     * Opens (creating if needed) the workspace in {@code dir}.
     *
     * @throws WorkspaceLockedException        if another studio holds it
     * @throws WorkspaceSchemaTooNewException  if a newer studio migrated it
     * @throws IOException                     if the folder cannot be created or read
     * @throws StoreException                  if the database cannot be opened or migrated
     */
    public static Workspace open(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        Path root = dir.toRealPath();
        if (root.toString().contains(";")) {
            throw new IOException("cannot use " + root + " as a workspace: H2 database paths must not contain ';'");
        }
        WorkspaceLock lock = WorkspaceLock.acquire(root);
        try {
            refuseIfSchemaTooNew(root);
            return openLocked(root, lock);
        } catch (IOException | RuntimeException | Error e) {
            try {
                lock.close();
            } catch (IOException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
    }

    private static void refuseIfSchemaTooNew(Path root) throws IOException {
        if (!Files.exists(root.resolve(DATABASE_FILE))) {
            return; // a new workspace: nothing to be too new
        }
        JdbcDataSource readOnly = new JdbcDataSource();
        readOnly.setURL(url(root) + READ_ONLY_SETTINGS);
        try {
            new Migrations(readOnly).refuseIfTooNew(root);
        } catch (FlywayException e) {
            throwIfInUse(root, e);
            throw new StoreException("cannot read the schema version of workspace " + root, e);
        }
    }

    private static Workspace openLocked(Path root, WorkspaceLock lock) throws IOException {
        Database db = new Database(url(root) + URL_SETTINGS);
        Connection keeper = connectKeeper(root, db);
        try {
            Migrations migrations = new Migrations(db.dataSource());
            String version = migrations.migrate();
            String latest = migrations.latestKnownVersion();
            recordCreation(db);
            BlobStore blobs = new BlobStore(root.resolve("blobs"), lock.holder().since());
            return new Workspace(root, lock, db, keeper, blobs, version, latest);
        } catch (FlywayException e) {
            shutdownQuietly(keeper, e);
            throw new StoreException("cannot migrate workspace " + root + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            shutdownQuietly(keeper, e);
            throw e;
        }
    }

    /** The connection that keeps the database open between calls; its H2 file lock backs ours up. */
    private static Connection connectKeeper(Path root, Database db) throws WorkspaceLockedException {
        try {
            return db.connect();
        } catch (SQLException e) {
            throwIfInUse(root, e);
            throw new StoreException("cannot open the database of workspace " + root, e);
        }
    }

    /**
     * H2's own file lock refused us although our lock file did not: some program without our lock
     * (an H2 console, a backup tool, a pre-lock-file build) has the database open. Say so the same way.
     */
    private static void throwIfInUse(Path root, Throwable failure) throws WorkspaceLockedException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                var refused = new WorkspaceLockedException(root, Optional.empty(),
                        "; its database file is in use by another program");
                refused.initCause(failure);
                throw refused;
            }
        }
    }

    private static void recordCreation(Database db) {
        db.inTransaction("record workspace creation", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO workspace_info (id, created_at, created_by_version)"
                    + " SELECT 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM workspace_info)")) {
                s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                s.setString(2, BuildVersion.current());
                return s.executeUpdate();
            }
        });
    }

    private static String url(Path root) {
        return "jdbc:h2:file:" + root.resolve(DATABASE_NAME);
    }

    /** The workspace folder (a real path: symlinks resolved). */
    public Path root() {
        return root;
    }

    /** The content-addressed file store under {@code blobs/}. */
    public BlobStore blobs() {
        return blobs;
    }

    /** Workspace-level key/value settings. */
    public Settings settings() {
        return settings;
    }

    /** The models registered in this workspace. */
    public ModelRegistry models() {
        return models;
    }

    /** JDBC access for the store classes of {@code ledger.store} (see {@link Database}). */
    public Database jdbc() {
        return db;
    }

    /** The Flyway schema version of this workspace's database, e.g. {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** The newest schema version this build's migrations know; equal to {@link #schemaVersion()} once open. */
    public String latestKnownSchemaVersion() {
        return latestKnownSchemaVersion;
    }

    /** Who holds this workspace: this process, since it opened it. */
    public LockHolder holder() {
        return lock.holder();
    }

    /** When and by which build the workspace was created. */
    public WorkspaceInfo info() {
        return db.withConnection("read workspace info", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT created_at, created_by_version FROM workspace_info")) {
                if (!rs.next()) {
                    throw new SQLException("workspace_info has no row");
                }
                return new WorkspaceInfo(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2));
            }
        });
    }

    /** Shuts the database down (closing any connection still borrowed) and releases the lock. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        db.markClosed();
        try {
            shutdown(keeper);
        } catch (SQLException e) {
            throw new StoreException("cannot close the database of workspace " + root, e);
        } finally {
            lock.close();
        }
    }

    private static void shutdown(Connection keeper) throws SQLException {
        try (keeper; Statement s = keeper.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static void shutdownQuietly(Connection keeper, Throwable cause) {
        try {
            shutdown(keeper);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "Workspace[" + root + ", schema " + schemaVersion + "]";
    }
}
