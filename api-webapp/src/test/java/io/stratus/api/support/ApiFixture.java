package io.stratus.api.support;

import io.stratus.admin.StratusAdmin;
import io.stratus.api.ApiServer;
import io.stratus.api.ApiSettings;
import io.stratus.common.config.Config;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.dispatcher.support.Platform;
import io.stratus.km.support.KmFixture;
import io.stratus.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API in an embedded Tomcat over real parts: either a whole platform (KM, local cloud,
 * Dispatcher, workers: {@link #withPlatform}) or only the KM's PKI, key-encryption key and main
 * schema, for tests that only read ({@link #readOnly}). Customers are made with {@code
 * stratus-admin customer create}, as an operator would.
 */
public final class ApiFixture implements AutoCloseable {
  /** A customer made by the admin command: its administrator and API key. */
  public record Customer(long id, long userId, String accessKey, String secretKey) {}

  private final Platform platform;
  private final KmFixture km;
  private final ApiServer api;
  private final Path etc;
  private final boolean ownsPlatform;

  private ApiFixture(
      Platform platform, KmFixture km, ApiServer api, Path etc, boolean ownsPlatform) {
    this.platform = platform;
    this.km = km;
    this.api = api;
    this.etc = etc;
    this.ownsPlatform = ownsPlatform;
  }

  /** A local cloud whose one region runs VMs as real processes (guest agents, HTTP images). */
  public static final String PROCESS_REGION = "regions=local-1\nregion.local-1.mode=process\n";

  /** A local cloud whose one region only records VMs, booting at once: fast, no processes. */
  public static final String SIMULATED_REGION =
      "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0s\n";

  public static ApiFixture withPlatform(String purpose, String cloudConfig) throws IOException {
    Platform platform = Platform.start(purpose, cloudConfig, Map.of());
    try {
      return start(
          platform,
          platform.km(),
          "https://127.0.0.1:" + platform.dispatcherPort(),
          250,
          Map.of(),
          true);
    } catch (IOException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  public static ApiFixture readOnly(String purpose, int pageSize) throws IOException {
    return readOnly(purpose, pageSize, Map.of());
  }

  /** {@link #readOnly(String, int)} with extra {@code api.properties} keys. */
  public static ApiFixture readOnly(String purpose, int pageSize, Map<String, String> extra)
      throws IOException {
    KmFixture km = KmFixture.start(purpose, null);
    try {
      SchemaMigrator.stratus(km.mainDataSource()).migrate();
      // Nothing here acts, so no Dispatcher answers at this address.
      return start(null, km, "https://127.0.0.1:9", pageSize, extra, true);
    } catch (IOException | RuntimeException e) {
      km.close();
      throw e;
    }
  }

  /**
   * The API over a platform someone else owns (e.g. a console fixture's, so both front ends share
   * it), with extra {@code api.properties} keys; closing the fixture leaves the platform running.
   */
  public static ApiFixture alongside(Platform platform, Map<String, String> extra)
      throws IOException {
    return start(
        platform,
        platform.km(),
        "https://127.0.0.1:" + platform.dispatcherPort(),
        250,
        extra,
        false);
  }

  private static ApiFixture start(
      Platform platform,
      KmFixture km,
      String dispatcher,
      int pageSize,
      Map<String, String> extra,
      boolean ownsPlatform)
      throws IOException {
    TestDatabase main = km.mainDatabase();
    Path pki = km.pki();
    Map<String, String> keys = new HashMap<>();
    keys.put("server.port", "0");
    keys.put("server.address", "127.0.0.1");
    keys.put("tls.keystore", pki.resolve("api.p12").toString());
    keys.put("tls.truststore", pki.resolve("truststore.p12").toString());
    keys.put("dispatcher.url", dispatcher);
    keys.put("db.url", main.jdbcUrl());
    keys.put("db.user", main.user());
    keys.put("db.password", main.password());
    keys.put("keys.kek.file", km.kekFile().toString());
    keys.put("api.page-size", String.valueOf(pageSize));
    keys.putAll(extra);
    ApiServer api = ApiServer.start(ApiSettings.from(Config.of("api", keys, Map.of())));
    Path etc = Files.createTempDirectory("api-admin-etc-");
    Files.writeString(
        etc.resolve("admin.properties"),
        "db.url="
            + main.jdbcUrl()
            + "\ndb.user="
            + main.user()
            + "\ndb.password="
            + main.password()
            + "\nkeys.kek.file="
            + km.kekFile()
            + "\n");
    return new ApiFixture(platform, km, api, etc, ownsPlatform);
  }

  private static final Pattern CUSTOMER = Pattern.compile("Customer (\\d+) ");
  private static final Pattern USER = Pattern.compile("\\(user (\\d+)\\)");
  private static final Pattern ACCESS = Pattern.compile("access key: (\\S+)");
  private static final Pattern SECRET = Pattern.compile("secret key: (\\S+)");

  /** The exit code and standard output of one {@code stratus-admin} command line. */
  public record AdminRun(int code, String out, String err) {}

  /** Runs {@code stratus-admin --etc <this fixture's etc> args...}. */
  public AdminRun admin(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new java.util.ArrayList<>(List.of("--etc", etc.toString()));
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

  /** {@code stratus-admin customer create --name N --email admin@N.example}. */
  public Customer newCustomer(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StratusAdmin.withAllCommands()
            .run(
                List.of(
                    "--etc",
                    etc.toString(),
                    "customer",
                    "create",
                    "--name",
                    name,
                    "--email",
                    "admin@" + name + ".example"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException("customer create failed: " + err);
    }
    return new Customer(
        Long.parseLong(find(CUSTOMER, text)),
        Long.parseLong(find(USER, text)),
        find(ACCESS, text),
        find(SECRET, text));
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("unexpected output: " + pattern + " not in " + text);
    }
    return m.group(1);
  }

  public ApiClient client(Customer customer) {
    return client(customer.accessKey(), customer.secretKey());
  }

  public ApiClient client(String accessKey, String secretKey) {
    return new ApiClient(km.tls("console").sslContext(), api.port(), accessKey, secretKey);
  }

  public int port() {
    return api.port();
  }

  public Platform platform() {
    return platform;
  }

  public KmFixture km() {
    return km;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(km.mainDataSource());
  }

  @Override
  public void close() {
    api.close();
    if (!ownsPlatform) {
      return;
    }
    if (platform != null) {
      platform.close();
    } else {
      km.close();
    }
  }
}
