package io.stratus.api;

import io.stratus.common.db.Database;
import io.stratus.common.db.SchemaMigrator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main schema's pools, a bean of its own so that everything using them closes first. The API
 * never migrates: it refuses to start on a schema that is not current, saying both versions.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDataConfiguration {

  @Bean(destroyMethod = "close")
  Database database(ApiSettings settings) {
    Database database = Database.open(settings.database(), ApiConfiguration.COMPONENT);
    try {
      SchemaMigrator.stratus(database.primary()).requireCurrent();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
