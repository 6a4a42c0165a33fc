package io.stratus.testkit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Real handshakes, with short timeouts, to decide whether a service answers. */
final class Probes {
  private Probes() {}

  static boolean databaseAnswers(String serverUrl, String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "2000");
    properties.setProperty("socketTimeout", "5000");
    try (var connection = DriverManager.getConnection(serverUrl, properties);
        var statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  static boolean brokerAnswers(String uri) {
    try {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(uri);
      factory.setConnectionTimeout(2000);
      factory.setHandshakeTimeout(5000);
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection connection = factory.newConnection("testkit-probe")) {
        return connection.isOpen();
      }
    } catch (Exception e) {
      return false;
    }
  }

  static boolean dockerAnswers() {
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
