package io.stratus.km;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.km.KmException;
import io.stratus.km.support.KmFixture;
import io.stratus.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * After known secrets go through every path (store, fetch, rotation, re-encryption, a refused
 * caller), neither database dump nor any log holds one of them: not the KM's schema, not the main
 * schema, not the KM's log file, not any log line of this JVM.
 */
class SecretsAtRestIT {
  @TempDir Path logDir;

  @Test
  void shouldLeaveNoSecretInEitherSchemaOrAnyLog() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.DEBUG);

    String run = Long.toHexString(System.nanoTime());
    List<String> secrets =
        List.of(
            "AKIA" + run + "PUBLIC",
            "wJalrXUtnFEMI-" + run + "-secret",
            "hunter2-" + run,
            "os-password-" + run);
    try (KmFixture km = KmFixture.start("atrest", logDir)) {
      CredentialVault vault = km.vault();
      long alice = km.newCustomer("alice");
      long bob = km.newCustomer("bob");
      long a =
          vault.store(
              alice,
              new Credential(
                  Map.of("accessKeyId", secrets.get(0)),
                  Map.of("secretAccessKey", secrets.get(1))));
      long b = vault.store(bob, Credential.secret(Map.of("password", secrets.get(2))));
      vault.fetch(alice, a);
      km.customerKeys().rotate(alice);
      vault.reencrypt(alice);
      vault.replace(bob, b, Credential.secret(Map.of("password", secrets.get(3))));
      vault.fetch(bob, b);
      try {
        km.client("console").fetch(a);
      } catch (KmException expected) {
        // refused and audited
      }

      List<String> places = new ArrayList<>();
      places.add(km.kmDatabase().contents());
      places.add(km.mainDatabase().contents());
      mysqldump(km.kmDatabase()).ifPresent(places::add);
      mysqldump(km.mainDatabase()).ifPresent(places::add);
      for (String place : places) {
        for (String secret : secrets) {
          assertFalse(place.contains(secret), "a dump holds " + secret);
          assertFalse(
              place.toLowerCase().contains(HexFormat.of().formatHex(bytes(secret))),
              "a dump holds " + secret + " as hex");
        }
      }
      assertTrue(places.get(0).contains("FORBIDDEN"), "the KM dump misses its audit log");
      assertTrue(places.get(1).contains("customer_keyset"), "the main dump misses the keysets");
    } finally {
      root.detachAppender(captured);
      root.setLevel(level);
    }

    List<Path> logs;
    try (Stream<Path> files = Files.walk(logDir)) {
      logs = files.filter(Files::isRegularFile).toList();
    }
    assertFalse(logs.isEmpty(), "the KM wrote no log file");
    assertTrue(Files.size(logs.get(0)) > 0, "the KM's log file is empty");
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertFalse(text.contains(secret), log + " holds " + secret);
      }
    }
    assertTrue(captured.list.size() > 10, "too little was logged to be a test");
    for (ILoggingEvent event : captured.list) {
      String line = event.getFormattedMessage() + " " + throwable(event.getThrowableProxy());
      for (String secret : secrets) {
        assertFalse(line.contains(secret), "logged: " + line);
      }
    }
  }

  /** The same schema as {@code mysqldump} writes it, when the tool is installed. */
  private static java.util.Optional<String> mysqldump(TestDatabase db)
      throws IOException, InterruptedException {
    Path tool =
        Stream.of("/usr/bin/mysqldump", "/usr/bin/mariadb-dump", "/usr/local/bin/mysqldump")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (tool == null) {
      return java.util.Optional.empty();
    }
    URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    List<String> command =
        new ArrayList<>(
            List.of(
                tool.toString(),
                "--protocol=TCP",
                "-h",
                url.getHost(),
                "-P",
                String.valueOf(url.getPort()),
                "-u",
                db.user(),
                "--skip-ssl",
                db.schema()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (!db.password().isEmpty()) {
      builder.environment().put("MYSQL_PWD", db.password());
    }
    Process process = builder.start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    process.getInputStream().transferTo(output);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mysqldump did not finish");
    String text = output.toString(StandardCharsets.ISO_8859_1);
    assertTrue(process.exitValue() == 0, "mysqldump failed: " + text);
    assertTrue(text.contains("INSERT INTO"), "mysqldump wrote no rows: " + text);
    return java.util.Optional.of(text);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String throwable(IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      text.append(p.getClassName()).append(": ").append(p.getMessage()).append(" | ");
    }
    return text.toString();
  }
}
