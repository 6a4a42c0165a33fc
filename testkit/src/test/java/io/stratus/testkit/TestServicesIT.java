package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServicesIT {
  @Test
  void shouldHandOutSeparateSchemasAndDropThemOnClose() throws Exception {
    TestDatabase first = TestServices.newDatabase("first");
    TestDatabase second = TestServices.newDatabase("second");
    assertNotEquals(first.schema(), second.schema());
    String extra = first.newSchemaName("extra");
    try (var c = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
        var s = c.createStatement()) {
      s.execute("CREATE TABLE marker (v INT)");
      s.execute("CREATE DATABASE " + extra);
    }
    try (var c = second.dataSource().getConnection();
        var s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW TABLES")) {
      assertFalse(rs.next(), "schemas must not share tables");
    }
    first.close();
    second.close();
    try (var c = DriverManager.getConnection(first.serverUrl(), first.user(), first.password());
        var s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name IN ('"
                    + first.schema()
                    + "','"
                    + second.schema()
                    + "','"
                    + extra
                    + "')")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void shouldUseTheForcedModeWhenOneIsSet() {
    String forced = System.getProperty(ServiceMode.PROPERTY, "auto");
    TestDatabase db = TestServices.newDatabase("mode");
    try {
      if (!forced.isBlank() && !forced.equals("auto")) {
        assertEquals(forced, db.mode());
        assertEquals(forced, TestServices.broker().mode());
      } else {
        assertTrue(db.mode().matches("env|local|testcontainers|embedded"), db.mode());
      }
    } finally {
      db.close();
    }
  }

  @Test
  void shouldGiveABrokerThatAcceptsConnections() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestServices.broker().uri());
    try (Connection connection = factory.newConnection()) {
      assertTrue(connection.isOpen());
    }
    assertNotEquals(TestServices.broker().uniqueName("a"), TestServices.broker().uniqueName("a"));
  }
}
