package dev.modelfactory.ledger.store;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The workspace schema's Flyway setup: where migrations live, how far this build's migrations reach,
 * and the refusal to touch a database that a newer build migrated.
 *
 * <p>Why a newer schema is refused instead of ignored: Flyway would by default skip "future"
 * migrations and carry on, and this build would then read and write tables whose meaning it does not
 * know. Refusing keeps the user's data intact for the newer studio.
 */
final class Migrations {

    /** Where the SQL migrations live: {@code V<n>__<what>.sql}, applied in version order. */
    static final String LOCATION = "classpath:db/migration";

    /** Migrations that need Java (looking up names H2 generated); versions interleave with the SQL ones. */
    static final List<JavaMigration> JAVA_MIGRATIONS = List.of(new RowForeignKeysMigration());

    private final Flyway flyway;

    Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load();
    }

    /**
     * Checks, without writing anything, that the database is not ahead of this build.
     *
     * @throws WorkspaceSchemaTooNewException if an applied migration is newer than any this build has
     */
    void refuseIfTooNew(Path folder) throws WorkspaceSchemaTooNewException {
        MigrationInfoService info = flyway.info();
        MigrationVersion known = latestKnown(info);
        Optional<MigrationVersion> applied = latestApplied(info);
        if (applied.isPresent() && applied.get().compareTo(known) > 0) {
            throw new WorkspaceSchemaTooNewException(folder, applied.get().getVersion(), known.getVersion());
        }
    }

    /** Applies pending migrations; returns the schema version afterwards. */
    String migrate() {
        MigrateResult result = flyway.migrate();
        return Optional.ofNullable(result.targetSchemaVersion)
                .or(() -> latestApplied(flyway.info()).map(MigrationVersion::getVersion))
                .orElse("0");
    }

    /** The newest version among this build's migrations. */
    String latestKnownVersion() {
        return latestKnown(flyway.info()).getVersion();
    }

    private static MigrationVersion latestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException(
                        "no workspace migrations found at " + LOCATION + ": the build is incomplete"));
    }

    private static Optional<MigrationVersion> latestApplied(MigrationInfoService info) {
        return Arrays.stream(info.applied())
                .filter(m -> m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder());
    }
}
