package io.stratus.km;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.keys.KeyCommands;
import io.stratus.km.support.KmFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotate and re-encrypt commands, run as an operator would on a Dispatcher host. */
class KeyCommandsIT {
  private static KmFixture km;
  @TempDir static Path etc;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    km = KmFixture.start("keycommands", null);
    Files.writeString(
        etc.resolve("dispatcher.properties"),
        String.join(
            "\n",
            "db.url=" + km.mainDatabase().jdbcUrl(),
            "db.user=" + km.mainDatabase().user(),
            "db.password=" + km.mainDatabase().password(),
            "km.url=" + km.url(),
            "tls.keystore=" + km.pki().resolve("dispatcher.p12"),
            "tls.truststore=" + km.pki().resolve("truststore.p12"),
            "keys.kek.file=" + km.kekFile(),
            ""));
  }

  @AfterAll
  static void stop() {
    km.close();
  }

  @Test
  void shouldRotateAndReencryptACustomerFromTheCommandLine() {
    CredentialVault vault = km.vault();
    long customer = km.newCustomer("cli");
    Credential credential = Credential.secret(Map.of("password", "cli-secret"));
    long a = vault.store(customer, credential);
    long b = vault.store(customer, credential);

    assertEquals(0, run("customer", "rotate", String.valueOf(customer)), err.toString());
    assertTrue(out.toString().contains("new primary key"), out.toString());
    assertEquals(0, run("customer", "reencrypt", String.valueOf(customer)), err.toString());
    assertTrue(out.toString().contains("2 credential(s) re-encrypted"), out.toString());
    assertEquals(0, run("customer", "reencrypt", String.valueOf(customer)), err.toString());
    assertTrue(out.toString().contains("0 credential(s) re-encrypted"), out.toString());

    CredentialVault fresh = km.vault();
    assertEquals(credential, fresh.fetch(customer, a));
    assertEquals(credential, fresh.fetch(customer, b));
  }

  @Test
  void shouldRefuseBadUsageAndNameMissingKeys(@TempDir Path bare) throws Exception {
    assertEquals(2, run("customer", "reencrypt", "abc"));
    assertTrue(err.toString().contains("not a customer id"), err.toString());
    assertEquals(2, run("customer", "frobnicate", "1"));
    Files.writeString(
        bare.resolve("dispatcher.properties"), "keys.kek.file=" + km.kekFile() + "\n");
    assertEquals(1, runIn(bare, "customer", "rotate", "1"));
    assertTrue(err.toString().contains("db.url"), err.toString());
    assertEquals(1, run("kek", "init"));
    assertTrue(err.toString().contains("never overwritten"), err.toString());
  }

  private int run(String... args) {
    return runIn(etc, args);
  }

  private int runIn(Path dir, String... args) {
    out.reset();
    err.reset();
    List<String> argv = new java.util.ArrayList<>(List.of("--etc", dir.toString()));
    argv.addAll(List.of(args));
    return KeyCommands.run(
        argv,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
