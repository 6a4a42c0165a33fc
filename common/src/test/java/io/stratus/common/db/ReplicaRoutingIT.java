package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratus.common.config.Config;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A second schema stands in for the replica: rows written there mark which server answered, so the
 * test sees where each read went.
 */
class ReplicaRoutingIT {
  private static TestDatabase db;
  private static Database database;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("replica");
    String replicaSchema = db.newSchemaName("replica");
    JdbcClient admin = JdbcClient.create(db.dataSource());
    admin.sql("CREATE DATABASE " + replicaSchema).update();
    admin.sql("CREATE TABLE " + replicaSchema + ".marker (origin VARCHAR(16))").update();
    admin.sql("INSERT INTO " + replicaSchema + ".marker VALUES ('replica')").update();
    admin.sql("CREATE TABLE marker (origin VARCHAR(16))").update();
    admin.sql("INSERT INTO marker VALUES ('primary')").update();
    String replicaUrl = db.jdbcUrl().replace("/" + db.schema(), "/" + replicaSchema);
    Config config =
        Config.of(
            "test",
            Map.of(
                "db.url", db.jdbcUrl(),
                "db.user", db.user(),
                "db.password", db.password(),
                "db.replica.urls", replicaUrl),
            Map.of());
    database = Database.open(DatabaseSettings.from(config, "db"), "routing");
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  @Test
  void shouldSendReadOnlyTransactionsToTheReplicaAndWritesToThePrimary() {
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(database.routing()));
    JdbcClient jdbc = JdbcClient.create(database.routing());
    tx.setReadOnly(true);
    assertEquals(
        "replica",
        tx.execute(s -> jdbc.sql("SELECT origin FROM marker").query(String.class).single()));
    tx.setReadOnly(false);
    assertEquals(
        "primary",
        tx.execute(
            s -> {
              jdbc.sql("INSERT INTO marker VALUES ('written')").update();
              return jdbc.sql("SELECT origin FROM marker LIMIT 1").query(String.class).single();
            }));
    assertEquals(
        2,
        JdbcClient.create(database.primary())
            .sql("SELECT COUNT(*) FROM marker")
            .query(Integer.class)
            .single());
  }

  @Test
  void shouldRefuseAWriteThroughTheReplicaPool() {
    JdbcClient replica = JdbcClient.create(database.reads());
    assertEquals("replica", replica.sql("SELECT origin FROM marker").query(String.class).single());
    assertThrows(
        RuntimeException.class, () -> replica.sql("INSERT INTO marker VALUES ('oops')").update());
  }
}
