package io.stratus.km;

import io.stratus.common.db.Database;
import io.stratus.common.db.SchemaMigrator;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KM's own schema, {@code stratus_km}: its pool, its migrations ({@code db/km-migration}, in
 * this module, applied at start unless {@code db.migrate=false}) and its transactions. The KM never
 * touches the main {@code stratus} schema.
 */
@Configuration(proxyBeanMethods = false)
public class KmDataConfiguration {
  /** Flyway location of the KM's schema. */
  public static final String MIGRATIONS = "classpath:db/km-migration";

  @Bean(destroyMethod = "close")
  Database kmDatabase(KmSettings settings) {
    Database database = Database.open(settings.database(), "km");
    try {
      SchemaMigrator migrator = new SchemaMigrator(database.primary(), MIGRATIONS, "stratus_km");
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

  @Bean
  DataSource kmDataSource(Database kmDatabase) {
    return kmDatabase.primary();
  }

  @Bean
  TransactionTemplate kmTransactions(DataSource kmDataSource) {
    return new TransactionTemplate(new DataSourceTransactionManager(kmDataSource));
  }
}
