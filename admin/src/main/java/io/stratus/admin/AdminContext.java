package io.stratus.admin;

import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import java.nio.file.Path;

/**
 * What commands share: where the configuration lives ({@code --etc}, {@code STRATUS_ETC}, or {@code
 * ./etc}) and the database named by {@code etc/admin.properties}, opened on first use.
 */
public final class AdminContext implements AutoCloseable {
  private final Path etcDir;
  private Config config;
  private Database database;

  public AdminContext(Path etcDir) {
    this.etcDir = etcDir;
  }

  public Path etcDir() {
    return etcDir;
  }

  /** {@code etc/admin.properties} with environment overrides. */
  public synchronized Config config() {
    if (config == null) {
      config = Config.load("admin", etcDir);
    }
    return config;
  }

  /** The {@code stratus} schema's pools, from the {@code db.*} keys. */
  public synchronized Database database() {
    if (database == null) {
      database = Database.open(DatabaseSettings.from(config(), "db"), "admin");
    }
    return database;
  }

  @Override
  public synchronized void close() {
    if (database != null) {
      database.close();
    }
  }
}
