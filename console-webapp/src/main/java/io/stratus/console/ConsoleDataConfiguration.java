package io.stratus.console;

import io.stratus.common.db.Database;
import io.stratus.common.db.SchemaMigrator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main schema's pools, a bean of its own so that everything using them closes first. The
 * console never migrates: it refuses to start on a schema that is not current, saying both
 * versions.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleDataConfiguration {

  @Bean(destroyMethod = "close")
  Database database(ConsoleSettings settings) {
    Database database = Database.open(settings.database(), ConsoleConfiguration.COMPONENT);
    try {
      SchemaMigrator.stratus(database.primary()).requireCurrent();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
