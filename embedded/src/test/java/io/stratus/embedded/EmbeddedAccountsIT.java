package io.stratus.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-machine mode's embedded services let in only the installation's own accounts. */
class EmbeddedAccountsIT {
  @TempDir Path dir;

  @Test
  void shouldLetOnlyRootWithItsPasswordAndTheUsersItCreatesIntoASecuredDatabase() throws Exception {
    int port = EmbeddedServicesIT.freePort();
    Path base = dir.resolve("base");
    Path data = dir.resolve("data");
    // A data directory of an earlier version, which checked no passwords.
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(port, base, data);
        var c = DriverManager.getConnection(db.serverUrl(), "root", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE kept");
      s.execute("CREATE DATABASE other");
    }
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(port, base, data, "r00t'pass")) {
      assertThrows(
          SQLException.class, () -> DriverManager.getConnection(db.serverUrl(), "root", ""));
      assertThrows(
          SQLException.class, () -> DriverManager.getConnection(db.serverUrl(), "nobody", ""));
      try (var c = DriverManager.getConnection(db.serverUrl(), "root", "r00t'pass");
          Statement s = c.createStatement()) {
        s.execute("CREATE USER 'app'@'%' IDENTIFIED BY 'app-pass'");
        s.execute("GRANT SELECT ON `kept`.* TO 'app'@'%'");
      }
      try (var c = DriverManager.getConnection(db.serverUrl(), "app", "app-pass");
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT GROUP_CONCAT(schema_name ORDER BY schema_name)"
                    + " FROM information_schema.schemata")) {
          rs.next();
          // nothing but its own schema is visible to it
          assertEquals("information_schema,kept", rs.getString(1));
        }
        assertThrows(SQLException.class, () -> s.execute("CREATE TABLE other.t (v INT)"));
      }
      assertEquals(
          "[]", Files.list(base).filter(f -> f.toString().endsWith(".sql")).toList().toString());
    }
    // Started again: the same password still opens root.
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(port, base, data, "r00t'pass");
        var c = DriverManager.getConnection(db.serverUrl(), "app", "app-pass")) {
      assertNotNull(c);
    }
  }

  @Test
  void shouldLetOnlyTheAccountIntoTheBrokerAndKeepItsMessages() throws Exception {
    int port = EmbeddedServicesIT.freePort();
    Path work = dir.resolve("qpid");
    // An earlier version's broker, with guest
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(port, work)) {
      assertEquals("amqp://guest:guest@127.0.0.1:" + port + "/default", broker.uri());
    }
    AmqpAccount account = new AmqpAccount("stratus_0a1b2c3d", "s3cret/+:@", "stratus_0a1b2c3d");
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(port, work, account)) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work)));
      ConnectionFactory guest = new ConnectionFactory();
      guest.setUri("amqp://guest:guest@127.0.0.1:" + port + "/default");
      assertThrows(Exception.class, guest::newConnection);
      ConnectionFactory wrong = new ConnectionFactory();
      wrong.setUri("amqp://stratus_0a1b2c3d:guess@127.0.0.1:" + port + "/stratus_0a1b2c3d");
      assertThrows(Exception.class, wrong::newConnection);
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(broker.uri());
      KeptMessage.publish(factory);
      broker.restart();
      try (Connection connection = factory.newConnection();
          Channel channel = connection.createChannel()) {
        assertNotNull(channel.basicGet("kept", true), "message lost in the restart");
      }
      for (Path file : Files.walk(work).filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertEquals(-1, text.indexOf("s3cret"), file + " holds the AMQP password");
      }
    }
  }
}
