package io.stratus.common.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Feeds a credential through every path of the shared core that logs (configuration errors,
 * database and broker connection failures, the log file) and checks it never reaches an appender.
 */
class SecretsNeverLoggedIT {
  private static final String SECRET = "Sup3r-S3cret-" + Long.toHexString(System.nanoTime());

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  @TempDir Path logDir;

  @BeforeEach
  void capture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.DEBUG);
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    root.detachAppender("FILE-secrets-it");
    root.setLevel(Level.INFO);
  }

  @Test
  void shouldKeepACredentialOutOfEveryLogLineAndErrorMessage() throws Exception {
    Path logFile = LogFiles.toFile("secrets-it", logDir);
    List<String> errors = new ArrayList<>();

    TestDatabase db = TestServices.newDatabase("secrets");
    try {
      Config dbConfig =
          Config.of(
              "dispatcher",
              Map.of("db.url", db.jdbcUrl(), "db.user", db.user(), "db.password", SECRET),
              Map.of());
      DatabaseSettings settings = DatabaseSettings.from(dbConfig, "db");
      LoggerFactory.getLogger("test").info("Settings: {}", settings);
      // A wrong password fails on a real server; the embedded one accepts any (it runs without
      // grant tables), so either outcome is fine as long as nothing leaks.
      try (Database opened = Database.open(settings, "secrets")) {
        LoggerFactory.getLogger("test").info("Opened {}", opened.primary());
      } catch (RuntimeException dbFailure) {
        errors.add(chain(dbFailure));
      }
    } finally {
      db.close();
    }

    TestBroker broker = TestServices.broker();
    URI uri = new URI(broker.uri());
    String badUri = "amqp://guest:" + SECRET + "@" + uri.getHost() + ":" + uri.getPort() + "/";
    AmqpSettings amqp =
        AmqpSettings.from(Config.of("worker", Map.of("amqp.uri", badUri), Map.of()), "amqp");
    LoggerFactory.getLogger("test").info("Broker settings: {}", amqp);
    RuntimeException amqpFailure =
        assertThrows(RuntimeException.class, () -> AmqpConnection.open(amqp, "secrets-it"));
    errors.add(chain(amqpFailure));

    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                AmqpSettings.from(
                    Config.of("worker", Map.of("amqp.uri", "http://u:" + SECRET + "@h"), Map.of()),
                    "amqp"));
    errors.add(chain(bad));

    LoggerFactory.getLogger("third.party").warn("jdbc:mysql://h/db?user=x&password=" + SECRET);

    List<ILoggingEvent> events;
    synchronized (captured) { // other threads (an in-process broker) may still be logging
      events = new ArrayList<>(captured.list);
    }
    assertTrue(events.size() > 2, "the paths above should have logged something");
    for (ILoggingEvent event : events) {
      String text = event.getFormattedMessage() + " " + throwableText(event.getThrowableProxy());
      if (event.getLoggerName().equals("third.party")) {
        continue; // a library logging a secret: only the layout's masking can help, checked below
      }
      assertFalse(text.contains(SECRET), "logged: " + text);
    }
    for (String error : errors) {
      assertFalse(error.contains(SECRET), "error message: " + error);
    }
    String file = Files.readString(logFile);
    assertTrue(file.contains("password=******"), "masking did not run on the file appender");
    assertFalse(file.contains(SECRET), "log file holds the secret");
  }

  private static String chain(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      text.append(c).append(" | ");
    }
    return text.toString();
  }

  private static String throwableText(IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      text.append(p.getClassName()).append(": ").append(p.getMessage()).append(" | ");
    }
    return text.toString();
  }
}
