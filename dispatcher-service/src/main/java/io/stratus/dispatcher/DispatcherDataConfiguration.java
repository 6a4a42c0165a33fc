package io.stratus.dispatcher;

import io.stratus.common.db.Database;
import io.stratus.common.db.SchemaMigrator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main schema's pools. A bean of its own, so that everything using the database is closed
 * before the pools are; migrated at start when {@code db.migrate} is true, else checked current.
 */
@Configuration(proxyBeanMethods = false)
public class DispatcherDataConfiguration {

  @Bean(destroyMethod = "close")
  Database database(DispatcherSettings settings) {
    Database database = Database.open(settings.database(), DispatcherConfiguration.COMPONENT);
    try {
      SchemaMigrator migrator = SchemaMigrator.stratus(database.primary());
      if (settings.migrate()) {
        migrator.migrate();
      } else {
        migrator.requireCurrent();
      }
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
