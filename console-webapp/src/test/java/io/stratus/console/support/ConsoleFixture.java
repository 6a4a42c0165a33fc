package io.stratus.console.support;

import io.stratus.admin.StratusAdmin;
import io.stratus.common.config.Config;
import io.stratus.console.ConsoleServer;
import io.stratus.console.ConsoleSettings;
import io.stratus.dispatcher.support.Platform;
import io.stratus.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in an embedded Tomcat over a whole real platform (KM, local cloud, Dispatcher,
 * workers, MySQL, RabbitMQ). Customers and users are made with {@code stratus-admin}, as an
 * operator would, and sign in with the password it prints once. The console can be restarted, on a
 * new port, over the same sessions.
 */
public final class ConsoleFixture implements AutoCloseable {
  /** A customer made by the admin command: its administrator's e-mail and password. */
  public record Customer(long id, long userId, String email, String password) {}

  private final Platform platform;
  private final Path etc;
  private final Map<String, String> keys;
  private ConsoleServer console;

  private ConsoleFixture(Platform platform, Path etc, Map<String, String> keys) {
    this.platform = platform;
    this.etc = etc;
    this.keys = keys;
    this.console = ConsoleServer.start(ConsoleSettings.from(Config.of("console", keys, Map.of())));
  }

  public static ConsoleFixture start(String purpose, String cloudConfig, Map<String, String> extra)
      throws IOException {
    Platform platform = Platform.start(purpose, cloudConfig, Map.of());
    try {
      return over(platform, extra);
    } catch (IOException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /**
   * The console over a platform the caller started (e.g. with a log directory); closing the fixture
   * closes the platform too, and the caller closes the platform if this throws.
   */
  public static ConsoleFixture over(Platform platform, Map<String, String> extra)
      throws IOException {
    TestDatabase main = platform.km().mainDatabase();
    Path pki = platform.km().pki();
    Map<String, String> keys = new HashMap<>();
    keys.put("server.port", "0");
    keys.put("server.address", "127.0.0.1");
    keys.put("tls.keystore", pki.resolve("console.p12").toString());
    keys.put("tls.truststore", pki.resolve("truststore.p12").toString());
    keys.put("dispatcher.url", "https://127.0.0.1:" + platform.dispatcherPort());
    keys.put("db.url", main.jdbcUrl());
    keys.put("db.user", main.user());
    keys.put("db.password", main.password());
    keys.put("keys.kek.file", platform.km().kekFile().toString());
    keys.putAll(extra);
    Path etc = Files.createTempDirectory("console-admin-etc-");
    Files.writeString(
        etc.resolve("admin.properties"),
        "db.url="
            + main.jdbcUrl()
            + "\ndb.user="
            + main.user()
            + "\ndb.password="
            + main.password()
            + "\nkeys.kek.file="
            + platform.km().kekFile()
            + "\n");
    return new ConsoleFixture(platform, etc, keys);
  }

  /** The console's address, e.g. {@code https://127.0.0.1:41234}. */
  public String url() {
    return "https://127.0.0.1:" + console.port();
  }

  /** Stops this console and starts another over the same database (on a new port). */
  public void restartConsole() {
    console.close();
    console = ConsoleServer.start(ConsoleSettings.from(Config.of("console", keys, Map.of())));
  }

  /** The exit code and output of one {@code stratus-admin} command line. */
  public record AdminRun(int code, String out, String err) {}

  public AdminRun admin(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("--etc", etc.toString()));
    argv.addAll(List.of(args));
    int code =
        StratusAdmin.withAllCommands()
            .run(
                argv,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new AdminRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * {@code stratus-admin customer create}: its administrator signs in with the printed password.
   */
  public Customer newCustomer(String name) {
    String email = "admin@" + name + ".example";
    AdminRun run = admin("customer", "create", "--name", name, "--email", email);
    if (run.code() != 0) {
      throw new IllegalStateException("customer create failed: " + run.err());
    }
    return new Customer(
        Long.parseLong(find("Customer (\\d+) ", run.out())),
        Long.parseLong(find("\\(user (\\d+)\\)", run.out())),
        email,
        find("password: (\\S+)", run.out()));
  }

  /**
   * {@code stratus-admin user create} with the given role; returns the printed password, which the
   * user keeps: the fixture clears the first-sign-in change it would have to make, for tests about
   * something else ({@code AccountsAndPeopleIT} walks that change).
   */
  public String newUser(long customerId, String email, String role) {
    AdminRun run =
        admin(
            "user",
            "create",
            "--customer",
            Long.toString(customerId),
            "--email",
            email,
            "--role",
            role);
    if (run.code() != 0) {
      throw new IllegalStateException("user create failed: " + run.err());
    }
    jdbc()
        .sql("UPDATE user_account SET password_must_change = FALSE WHERE email = ?")
        .param(email)
        .update();
    return find("Console password, shown only now: (\\S+)", run.out());
  }

  /**
   * Adds the local cloud's account named {@code name} through the console's form, as an operator
   * would (the browser must be signed in); the browser is then on the registration's job page.
   */
  public void addLocalAccount(Browser browser, String name) throws IOException {
    Map<String, String> credentials = platform.cloud().credentials();
    browser.open(url() + "/accounts");
    browser.go("#add-account");
    browser.go("#next");
    browser.find("#account-name").sendKeys(name);
    browser.find("#field-accessKey").sendKeys(credentials.get("accessKey"));
    browser.find("#field-secretKey").sendKeys(credentials.get("secretKey"));
    browser.go("#register");
  }

  /** The local cloud in the catalogue, as {@code stratus-admin cloud add} would put it. */
  public long defineLocalCloud() throws IOException {
    return platform.defineLocalCloud();
  }

  private static String find(String pattern, String text) {
    Matcher m = Pattern.compile(pattern).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("unexpected output: " + pattern + " not in " + text);
    }
    return m.group(1);
  }

  public Platform platform() {
    return platform;
  }

  public JdbcClient jdbc() {
    return platform.jdbc();
  }

  @Override
  public void close() {
    console.close();
    platform.close();
  }
}
