package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratus.common.config.Secret;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A {@link Like} pattern matches the user's text literally in the real database. */
class LikeIT {
  private static TestDatabase db;
  private static Database database;
  private static JdbcClient jdbc;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("like");
    database =
        Database.open(
            DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())), "like");
    jdbc = JdbcClient.create(database.primary());
    jdbc.sql("CREATE TABLE named (name VARCHAR(64) NOT NULL)").update();
    for (String name : List.of("web_1", "webx1", "web%1", "web\\1", "db-1")) {
      jdbc.sql("INSERT INTO named (name) VALUES (?)").param(name).update();
    }
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  @Test
  void shouldMatchUnderscorePercentAndBackslashLiterally() {
    assertEquals(List.of("web_1"), matching("b_1"));
    assertEquals(List.of("web%1"), matching("b%1"));
    assertEquals(List.of("web\\1"), matching("b\\1"));
    assertEquals(List.of("web%1", "web\\1", "web_1", "webx1"), matching("web"));
  }

  private static List<String> matching(String text) {
    return jdbc
        .sql("SELECT name FROM named WHERE name LIKE ?")
        .param(Like.containing(text))
        .query(String.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }
}
