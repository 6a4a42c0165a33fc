package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Secret;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaMigrationIT {
  /** Tables that belong to the platform, not to one customer. */
  private static final Set<String> PLATFORM_TABLES =
      Set.of("customer", "cloud", "component_registration", "flyway_schema_history");

  /** Spring Session's own tables: a console session exists before anyone signs in. */
  private static final Set<String> SESSION_TABLES =
      Set.of("SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES");

  private static TestDatabase db;
  private static Database database;
  private static SchemaMigrator migrator;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("migration");
    database =
        Database.open(
            DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())), "migration");
    migrator = SchemaMigrator.stratus(database.primary());
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  @Test
  @Order(1)
  void shouldRefuseToRunOnAnEmptySchema() {
    SchemaVersionMismatchException e =
        assertThrows(SchemaVersionMismatchException.class, migrator::requireCurrent);
    assertEquals("none", e.found());
    assertTrue(e.getMessage().contains("stratus-admin db migrate"), e.getMessage());
  }

  @Test
  @Order(2)
  void shouldApplyToAnEmptyDatabaseAndBeANoOpTheSecondTime() {
    String version = migrator.migrate();
    assertEquals(migrator.expectedVersion(), version);
    JdbcClient jdbc = JdbcClient.create(database.primary());
    int applied =
        jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history").query(Integer.class).single();
    assertEquals(version, migrator.migrate());
    assertEquals(
        applied,
        jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history").query(Integer.class).single());
    migrator.requireCurrent();
  }

  @Test
  @Order(3)
  void shouldGiveEveryCustomerOwnedTableACustomerId() {
    JdbcClient jdbc = JdbcClient.create(database.primary());
    List<String> tables =
        jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
            .query(String.class)
            .list();
    assertTrue(tables.containsAll(List.of("server", "job", "task", "cloud_account", "api_key")));
    for (String table : tables) {
      if (PLATFORM_TABLES.contains(table)
          || SESSION_TABLES.contains(table)
          || table.equals("task")
          || table.equals("audit_event")) {
        continue;
      }
      int columns =
          jdbc.sql(
                  """
                  SELECT COUNT(*) FROM information_schema.columns
                   WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'customer_id'
                  """)
              .param(table)
              .query(Integer.class)
              .single();
      assertEquals(1, columns, table + " has no customer_id");
    }
  }

  @Test
  @Order(4)
  void shouldRefuseADatabaseNewerThanTheCode() {
    JdbcClient jdbc = JdbcClient.create(database.primary());
    jdbc.sql(
            """
            INSERT INTO flyway_schema_history
              (installed_rank, version, description, type, script, checksum, installed_by,
               execution_time, success)
            VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, 1)
            """)
        .update();
    SchemaVersionMismatchException e =
        assertThrows(SchemaVersionMismatchException.class, migrator::requireCurrent);
    assertEquals("999", e.found());
    assertEquals(migrator.expectedVersion(), e.expected());
    assertTrue(e.getMessage().contains("upgrade the component"), e.getMessage());
  }
}
