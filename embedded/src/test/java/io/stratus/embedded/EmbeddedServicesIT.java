package io.stratus.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServicesIT {
  @TempDir Path dir;

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldKeepDatabaseRowsAcrossARestartWithTheSameDataDirectory() throws Exception {
    int port = freePort();
    Path base = dir.resolve("base");
    Path data = dir.resolve("data");
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(port, base, data)) {
      try (var c = DriverManager.getConnection(db.serverUrl(), "root", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE kept");
        s.execute("CREATE TABLE kept.t (v VARCHAR(10))");
        s.execute("INSERT INTO kept.t VALUES ('survives')");
      }
    }
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(port, base, data);
        var c = DriverManager.getConnection(db.serverUrl(), "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept.t")) {
      rs.next();
      assertEquals("survives", rs.getString(1));
    }
  }

  @Test
  void shouldKeepAPersistentMessageInADurableQueueAcrossABrokerRestart() throws Exception {
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(freePort(), dir.resolve("qpid"))) {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(broker.uri());
      KeptMessage.publish(factory);
      broker.restart();
      ConnectionFactory slash = new ConnectionFactory();
      slash.setUri(broker.uri().replace("/default", "/%2F"));
      try (Connection connection = slash.newConnection();
          Channel channel = connection.createChannel()) {
        GetResponse got = channel.basicGet("kept", true);
        assertNotNull(got, "message lost in the restart");
        assertEquals("hello", new String(got.getBody(), StandardCharsets.UTF_8));
      }
    }
  }
}
