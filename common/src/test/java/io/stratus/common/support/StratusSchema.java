package io.stratus.common.support;

import io.stratus.common.config.Secret;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.testkit.TestDatabase;

/** Opens a migrated {@code stratus} schema in a fresh test database. */
public final class StratusSchema {
  private StratusSchema() {}

  public static Database open(TestDatabase db) {
    Database database =
        Database.open(
            DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())), "test");
    SchemaMigrator.stratus(database.primary()).migrate();
    return database;
  }
}
