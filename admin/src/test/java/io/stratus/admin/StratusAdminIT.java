package io.stratus.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Secret;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratusAdminIT {
  private static TestDatabase db;
  @TempDir static Path etc;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void configure() throws IOException {
    db = TestServices.newDatabase("admin");
    Files.writeString(
        etc.resolve("admin.properties"),
        "db.url="
            + db.jdbcUrl()
            + "\ndb.user="
            + db.user()
            + "\ndb.password="
            + db.password()
            + "\n");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private int run(Path etcDir, String... args) {
    out.reset();
    err.reset();
    return StratusAdmin.withAllCommands()
        .run(
            List.of(args).isEmpty() ? List.of() : prepend(etcDir, args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static List<String> prepend(Path etcDir, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--etc", etcDir.toString()));
    all.addAll(List.of(args));
    return all;
  }

  @Test
  void shouldMigrateOnceAndThenReportTheSchemaCurrent() {
    run(etc, "db", "version"); // exit 1 before the first migration, 0 after
    String expected = out.toString().replaceAll("(?s).*expected (\\S+).*", "$1").strip();
    assertEquals(0, run(etc, "db", "migrate"), err.toString());
    assertTrue(
        out.toString().contains("to " + expected)
            || out.toString().contains("already at version " + expected),
        out.toString());
    assertEquals(0, run(etc, "db", "migrate"), err.toString());
    assertTrue(out.toString().contains("Schema already at version " + expected), out.toString());
    assertEquals(0, run(etc, "db", "version"));
    assertTrue(out.toString().contains("found " + expected + ", expected " + expected));
  }

  @Test
  void shouldListRegisteredComponentsWithTheirState() {
    assertEquals(0, run(etc, "db", "migrate"), err.toString());
    try (Database database =
        Database.open(
            DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())), "admin-it")) {
      Registration registration =
          new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
              .register("worker-subscriber", "9.9.9", Duration.ofSeconds(5));
      try {
        assertEquals(0, run(etc, "status"), err.toString());
        String table = out.toString();
        assertTrue(table.contains("worker-subscriber"), table);
        assertTrue(table.contains("UP"), table);
        assertTrue(table.contains("9.9.9"), table);
      } finally {
        registration.close();
      }
    }
  }

  @Test
  void shouldNameTheBadKeyAndFile(@TempDir Path badEtc) throws IOException {
    Files.writeString(
        badEtc.resolve("admin.properties"), "db.url=" + db.jdbcUrl() + "\ndb.pool.size=0\n");
    assertEquals(1, run(badEtc, "status"));
    assertTrue(err.toString().contains("db.pool.size"), err.toString());
    assertTrue(err.toString().contains(badEtc.resolve("admin.properties").toString()));
  }

  @Test
  void shouldAddACloudOnceAndRefuseAConflictingOne() {
    assertEquals(0, run(etc, "db", "migrate"), err.toString());
    String[] add = {
      "cloud",
      "add",
      "--name",
      "local-test",
      "--provider",
      "local",
      "--endpoint",
      "http://127.0.0.1:7440/"
    };
    assertEquals(0, run(etc, add), err.toString());
    assertTrue(out.toString().contains("added"), out.toString());
    assertEquals(0, run(etc, add), err.toString());
    assertTrue(out.toString().contains("already there"), out.toString());
    assertEquals(
        2,
        run(
            etc,
            "cloud",
            "add",
            "--name",
            "local-test",
            "--provider",
            "local",
            "--endpoint",
            "http://elsewhere:7440/"));
    assertTrue(err.toString().contains("another provider or endpoint"), err.toString());
    assertEquals(2, run(etc, "cloud", "add", "--name", "x", "--provider", "Not A Driver"));
    assertTrue(err.toString().contains("--provider"), err.toString());
  }

  @Test
  void shouldRefuseAnUnknownCommandWithUsage() {
    assertEquals(2, run(etc, "db", "explode"));
    assertTrue(err.toString().contains("unknown command 'db explode'"), err.toString());
    assertTrue(err.toString().contains("db migrate"), err.toString());
  }

  @Test
  void shouldCreateTheCaOnceAndIssueComponentCertificates(@TempDir Path pki) throws Exception {
    assertEquals(0, run(etc, "pki", "init", "--dir", pki.toString()), err.toString());
    assertTrue(Files.exists(pki.resolve("ca.crt")));
    assertEquals(1, run(etc, "pki", "init", "--dir", pki.toString()));
    assertTrue(err.toString().contains("never overwritten"), err.toString());
    assertEquals(
        0,
        run(etc, "pki", "issue", "km", "--host", "km1.example.com", "--dir", pki.toString()),
        err.toString());
    var store = io.stratus.common.pki.KeyStores.load(pki.resolve("km.p12"));
    var cert = (java.security.cert.X509Certificate) store.getCertificate("stratus");
    assertEquals("km", io.stratus.common.pki.ComponentIdentity.of(cert).orElseThrow().component());
    assertEquals(2, run(etc, "pki", "issue", "mailer", "--host", "h", "--dir", pki.toString()));
    assertTrue(err.toString().contains("unknown component 'mailer'"), err.toString());
    assertEquals(2, run(etc, "pki", "issue", "km", "--dir", pki.toString()));
    assertTrue(err.toString().contains("--host is required"), err.toString());
    assertFalse(
        out.toString()
            .contains(new String(io.stratus.common.pki.KeyStores.password(pki.resolve("km.p12")))));
  }
}
