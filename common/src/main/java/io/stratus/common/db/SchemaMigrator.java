package io.stratus.common.db;

import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies and checks Flyway migrations for one schema. The {@code stratus} schema's migrations live
 * in {@code common} under {@code db/migration}; only {@code stratus-admin db migrate} and the
 * Dispatcher (when configured to) apply them. Every other component calls {@link #requireCurrent()}
 * at start and refuses to run on a mismatch.
 */
public final class SchemaMigrator {
  /** Flyway location of the shared {@code stratus} schema. */
  public static final String STRATUS_MIGRATIONS = "classpath:db/migration";

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private final Flyway flyway;
  private final DataSource dataSource;
  private final String schemaName;

  public SchemaMigrator(DataSource primary, String location, String schemaName) {
    this.dataSource = primary;
    this.schemaName = schemaName;
    this.flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(primary)
            .locations(location)
            .failOnMissingLocations(true)
            .cleanDisabled(true)
            .load();
  }

  /** The migrator of the shared {@code stratus} schema. */
  public static SchemaMigrator stratus(DataSource primary) {
    return new SchemaMigrator(primary, STRATUS_MIGRATIONS, "stratus");
  }

  /** Applies pending migrations; a no-op when the schema is current. Returns the new version. */
  public String migrate() {
    MigrateResult result = flyway.migrate();
    String version = currentVersion();
    if (result.migrationsExecuted > 0) {
      log.info(
          "Schema {} migrated to version {} ({} migration(s) applied)",
          schemaName,
          version,
          result.migrationsExecuted);
    } else {
      log.info("Schema {} already at version {}", schemaName, version);
    }
    return version;
  }

  /** The version applied to the database, or {@code "none"} for an empty one. */
  public String currentVersion() {
    // Read the history table itself: Flyway's own view hides versions this build does not know.
    JdbcClient jdbc = JdbcClient.create(dataSource);
    boolean hasHistory =
        jdbc.sql(
                    """
                SELECT COUNT(*) FROM information_schema.tables
                 WHERE table_schema = DATABASE() AND table_name = 'flyway_schema_history'
                """)
                .query(Integer.class)
                .single()
            > 0;
    if (!hasHistory) {
      return "none";
    }
    return jdbc
        .sql("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
        .query(String.class)
        .list()
        .stream()
        .map(MigrationVersion::fromVersion)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse("none");
  }

  /** The newest version this build's migrations describe. */
  public String expectedVersion() {
    return Arrays.stream(flyway.info().all())
        .filter(info -> info.getState().isResolved())
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse("none");
  }

  /**
   * Fails unless the database is exactly at {@link #expectedVersion()}.
   *
   * @throws SchemaVersionMismatchException naming both versions and what to do
   */
  public void requireCurrent() {
    String found = currentVersion();
    String expected = expectedVersion();
    if (found.equals(expected)) {
      return;
    }
    String advice;
    if (found.equals("none")) {
      advice = "The " + schemaName + " schema is empty: run 'stratus-admin db migrate'.";
    } else if (MigrationVersion.fromVersion(found).isNewerThan(expected)) {
      advice = "The database is newer than this component: upgrade the component.";
    } else {
      advice = "Run 'stratus-admin db migrate' (or start the Dispatcher with db.migrate=true).";
    }
    throw new SchemaVersionMismatchException(found, expected, advice);
  }
}
