package io.stratus.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installs the distribution archive with its own {@code install.sh --profile single} into a
 * temporary prefix (schemas, database users, RabbitMQ virtual host and user named uniquely, so
 * parallel runs do not collide; all removed afterwards), then drives the init scripts as a sysadmin
 * would. Needs root, the local MariaDB (127.0.0.1:3306, root without a password) and RabbitMQ
 * ({@code rabbitmqctl}) and {@code jsvc} ({@code .ci/install-deps.sh}); skipped, saying why,
 * without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
  private static final String ROOT_URL = "jdbc:mysql://127.0.0.1:3306/";
  private static final Duration START = Duration.ofMinutes(3);

  private static String suffix;
  private static Path work;
  private static Path prefix;
  private static Path installer;
  private static int kmPort;
  private static int dispatcherPort;
  private static int apiPort;
  private static int consolePort;
  private static String firstInstallOutput;
  private static Path consoleMachine;

  @BeforeAll
  static void install() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "install.sh needs root");
    assumeTrue(onPath("jsvc"), "jsvc is not installed (run .ci/install-deps.sh)");
    assumeTrue(onPath("rabbitmqctl") && onPath("mysql"), "needs the mysql and rabbitmqctl clients");
    assumeTrue(portOpen(3306) && portOpen(5672), "needs MariaDB on 3306 and RabbitMQ on 5672");
    Path archive = Path.of(System.getProperty("stratus.archive", "target/none.tar.gz"));
    assertTrue(Files.isRegularFile(archive), "the build made no archive at " + archive);

    suffix = HexFormat.of().formatHex(randomBytes(4));
    work = Files.createTempDirectory("stratus-install-it-");
    // The service user must be able to reach the prefix.
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    prefix = work.resolve("services");
    run(List.of("tar", "-xzf", archive.toString(), "-C", work.toString()), Duration.ofMinutes(1))
        .assertOk("unpacking the archive");
    try (Stream<Path> unpacked = Files.list(work)) {
      Path dist =
          unpacked
              .filter(p -> p.getFileName().toString().startsWith("stratus-"))
              .findFirst()
              .orElseThrow();
      installer = dist.resolve("install.sh");
    }
    kmPort = freePort();
    dispatcherPort = freePort();
    apiPort = freePort();
    consolePort = freePort();
    Result result = install(installer);
    result.assertOk("install.sh");
    firstInstallOutput = result.output;
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (prefix == null) {
      return;
    }
    if (consoleMachine != null) {
      for (String script : List.of("stratus-console", "stratus-api")) {
        Path path = consoleMachine.resolve("init.d").resolve(script);
        if (Files.exists(path)) {
          run(List.of(path.toString(), "stop"), Duration.ofMinutes(2));
        }
      }
    }
    for (String script :
        List.of(
            "stratus-console",
            "stratus-api",
            "stratus-worker",
            "stratus-dispatcher",
            "stratus-km")) {
      Path path = prefix.resolve("init.d").resolve(script);
      if (Files.exists(path)) {
        run(List.of(path.toString(), "stop"), Duration.ofMinutes(2));
      }
    }
    Path pinger = prefix.resolve("dispatcher/bin/pinger");
    if (Files.exists(pinger)) {
      run(List.of(pinger.toString(), "stop"), Duration.ofMinutes(1));
    }
    try (Connection root = DriverManager.getConnection(ROOT_URL, "root", "");
        Statement sql = root.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS `" + schema() + "`");
      sql.execute("DROP DATABASE IF EXISTS `" + kmSchema() + "`");
      for (String user :
          List.of(dbUser(), dbUser() + "_km", dbUser() + "_console", dbUser() + "_admin")) {
        sql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      }
    }
    run(List.of("rabbitmqctl", "-q", "delete_vhost", vhost()), Duration.ofMinutes(1));
    run(List.of("rabbitmqctl", "-q", "delete_user", amqpUser()), Duration.ofMinutes(1));
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(InstallIT::deleteQuietly);
    }
  }

  @Test
  @Order(1)
  void shouldLayOutEveryComponentAsTheOperationsManualDoes() {
    for (String component : List.of("km", "dispatcher")) {
      Path home = prefix.resolve(component);
      for (String part : List.of("bin/tomcat", "etc/" + component + ".properties", "log")) {
        assertTrue(Files.exists(home.resolve(part)), home.resolve(part) + " is missing");
      }
      assertTrue(Files.exists(home.resolve("lib/stratus-" + component + "-service.war")));
      assertTrue(Files.exists(home.resolve("tomcat/conf/server.xml")));
      assertTrue(Files.exists(home.resolve("etc/pki/" + component + ".p12")));
    }
    for (String part :
        List.of("bin/publisher", "bin/subscriber", "etc/worker.properties", "etc/pki/kek.p12")) {
      assertTrue(Files.exists(prefix.resolve("worker").resolve(part)), part + " is missing");
    }
    assertTrue(Files.isExecutable(prefix.resolve("admin/bin/stratus-admin")));
    assertTrue(Files.isExecutable(prefix.resolve("dispatcher/bin/pinger")));
    for (String script : List.of("stratus-km", "stratus-dispatcher", "stratus-worker")) {
      assertTrue(Files.isExecutable(prefix.resolve("init.d").resolve(script)), script);
    }
    // The console, when this build has it (console-webapp), as the other Tomcat components.
    Path console = prefix.resolve("console");
    if (Files.isDirectory(console)) {
      for (String part :
          List.of(
              "bin/tomcat",
              "etc/console.properties",
              "etc/service.conf",
              "etc/pki/console.p12",
              "etc/pki/truststore.p12",
              "etc/pki/kek.p12",
              "lib/stratus-console-webapp.war",
              "tomcat/conf/server.xml",
              "tomcat/conf/Catalina/localhost/ROOT.xml",
              "log")) {
        assertTrue(Files.exists(console.resolve(part)), console.resolve(part) + " is missing");
      }
      assertTrue(Files.isExecutable(prefix.resolve("init.d/stratus-console")), "stratus-console");
    }
  }

  @Test
  @Order(1)
  void shouldShipOneVersionOfEachLibrary() throws IOException {
    // The lib/ directories come from each module's target/lib, which a build adds to but never
    // empties: two versions of one library there mean a stale build (./mvnw clean).
    for (String lib : List.of("admin/lib", "worker/lib", "dispatcher/lib/pinger")) {
      Path dir = prefix.resolve(lib);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> jars = Files.list(dir)) {
        Map<String, List<String>> versions =
            jars.map(jar -> jar.getFileName().toString())
                .filter(name -> name.endsWith(".jar"))
                .collect(Collectors.groupingBy(name -> name.replaceFirst("-\\d[^/]*\\.jar$", "")));
        versions.values().removeIf(names -> names.size() < 2);
        assertTrue(versions.isEmpty(), lib + " holds several versions of " + versions.values());
      }
    }
  }

  @Test
  @Order(2)
  void shouldLetOnlyTheKeyManagerReachItsSchema() throws Exception {
    Properties state = state();
    String kmPassword = state.getProperty("STATE_KM_DB_PASSWORD");
    String password = state.getProperty("STATE_DB_PASSWORD");
    try (Connection km = connect(kmSchema(), dbUser() + "_km", kmPassword)) {
      assertTrue(km.isValid(5));
    }
    assertThrows(SQLException.class, () -> connect(schema(), dbUser() + "_km", kmPassword).close());
    assertThrows(SQLException.class, () -> connect(kmSchema(), dbUser(), password).close());
    assertThrows(
        SQLException.class,
        () ->
            connect(kmSchema(), dbUser() + "_admin", state.getProperty("STATE_DB_ADMIN_PASSWORD"))
                .close());
    try (Connection components = connect(schema(), dbUser(), password);
        Statement sql = components.createStatement()) {
      // Components read and write rows; only the schema's owner changes the schema.
      assertThrows(SQLException.class, () -> sql.execute("CREATE TABLE not_allowed (id INT)"));
    }
  }

  @Test
  @Order(2)
  void shouldLetTheConsoleReadTheSchemaAndWriteOnlyItsTables() throws Exception {
    String password = state().getProperty("STATE_CONSOLE_DB_PASSWORD");
    String user = dbUser() + "_console";
    assertThrows(SQLException.class, () -> connect(kmSchema(), user, password).close());
    try (Connection console = connect(schema(), user, password);
        Statement sql = console.createStatement()) {
      // It reads everything of the main schema...
      for (String table : List.of("customer", "server", "job", "cloud_account", "audit_event")) {
        sql.executeQuery("SELECT COUNT(*) FROM " + table).close();
      }
      // ...writes users, groups, roles, API keys, audit events and its sessions...
      for (String table :
          List.of(
              "user_account",
              "user_group",
              "group_member",
              "role",
              "role_right",
              "user_role",
              "group_role",
              "api_key",
              "audit_event",
              "SPRING_SESSION",
              "SPRING_SESSION_ATTRIBUTES")) {
        sql.executeUpdate("DELETE FROM " + table + " WHERE 1 = 0");
      }
      // ...registers itself in the component registry and heartbeats there...
      sql.executeUpdate(
          "UPDATE component_registration SET heartbeat_at = heartbeat_at WHERE 1 = 0");
      assertDenied(sql, "DELETE FROM component_registration WHERE 1 = 0");
      // ...and nothing else: every action goes through the Dispatcher.
      for (String table : List.of("customer", "server", "job", "task", "cloud_account")) {
        assertDenied(sql, "DELETE FROM " + table + " WHERE 1 = 0");
        assertDenied(sql, "UPDATE " + table + " SET id = id WHERE 1 = 0");
        assertDenied(
            sql, "INSERT INTO " + table + " (id) SELECT id FROM " + table + " WHERE 1 = 0");
      }
      assertDenied(sql, "DELETE FROM customer_keyset WHERE 1 = 0");
      assertThrows(SQLException.class, () -> sql.execute("CREATE TABLE not_allowed (id INT)"));
    }
  }

  @Test
  @Order(3)
  void shouldStartEachComponentAndStopIt() throws Exception {
    boolean pinger = Files.isDirectory(prefix.resolve("dispatcher/lib/pinger"));

    initScript("stratus-km", "start").assertOk("stratus-km start");
    assertTrue(portOpen(kmPort), "the KM does not listen on " + kmPort);
    assertEquals(0, initScript("stratus-km", "status").exit);

    initScript("stratus-dispatcher", "start").assertOk("stratus-dispatcher start");
    assertTrue(portOpen(dispatcherPort), "the Dispatcher does not listen on " + dispatcherPort);
    assertEquals(0, initScript("stratus-dispatcher", "status").exit);
    if (pinger) {
      assertEquals(0, pinger("status").exit, "the pinger is not running");
    }
    // Guest agents hand-shake with the Dispatcher without a certificate; nobody reaches the KM
    // without one.
    assertTrue(answersWithoutClientCertificate(dispatcherPort), "the Dispatcher refused");
    assertFalse(answersWithoutClientCertificate(kmPort), "the KM answered without a certificate");

    initScript("stratus-worker", "start").assertOk("stratus-worker start");
    assertEquals(0, initScript("stratus-worker", "status").exit);

    // The API, when this build has it (api-webapp).
    boolean api = Files.isDirectory(prefix.resolve("api"));
    if (api) {
      initScript("stratus-api", "start").assertOk("stratus-api start");
      assertTrue(portOpen(apiPort), "the API does not listen on " + apiPort);
      assertEquals(0, initScript("stratus-api", "status").exit);
      assertTrue(answersWithoutClientCertificate(apiPort), "the API refused");
      initScript("stratus-api", "stop").assertOk("stratus-api stop");
      assertFalse(portOpen(apiPort), "the API still listens on " + apiPort);
      assertEquals(3, initScript("stratus-api", "status").exit);
    }

    // The console, when this build has it (console-webapp): server TLS, no client certificate.
    boolean console = Files.isDirectory(prefix.resolve("console"));
    if (console) {
      initScript("stratus-console", "start").assertOk("stratus-console start");
      assertTrue(portOpen(consolePort), "the console does not listen on " + consolePort);
      assertEquals(0, initScript("stratus-console", "status").exit);
      assertTrue(answersWithoutClientCertificate(consolePort), "the console refused");
      initScript("stratus-console", "stop").assertOk("stratus-console stop");
      assertFalse(portOpen(consolePort), "the console still listens on " + consolePort);
      assertEquals(3, initScript("stratus-console", "status").exit);
    }

    initScript("stratus-worker", "stop").assertOk("stratus-worker stop");
    assertEquals(3, initScript("stratus-worker", "status").exit);

    initScript("stratus-dispatcher", "stop").assertOk("stratus-dispatcher stop");
    assertFalse(portOpen(dispatcherPort), "the Dispatcher still listens on " + dispatcherPort);
    assertEquals(3, initScript("stratus-dispatcher", "status").exit);
    if (pinger) {
      assertEquals(0, pinger("status").exit, "the pinger should outlive stratus-dispatcher stop");
      pinger("stop").assertOk("bin/pinger stop");
      assertEquals(3, pinger("status").exit);
    }

    initScript("stratus-km", "stop").assertOk("stratus-km stop");
    assertFalse(portOpen(kmPort), "the KM still listens on " + kmPort);
    assertEquals(3, initScript("stratus-km", "status").exit);
  }

  @Test
  @Order(4)
  void shouldChangeNothingWhenInstalledAgain() throws Exception {
    assertTrue(firstInstallOutput.contains("creating the installation CA"), firstInstallOutput);
    byte[] ca = Files.readAllBytes(prefix.resolve("admin/etc/pki/ca.p12"));
    byte[] kek = Files.readAllBytes(prefix.resolve("dispatcher/etc/pki/kek.p12"));
    byte[] km = Files.readAllBytes(prefix.resolve("km/etc/km.properties"));
    byte[] worker = Files.readAllBytes(prefix.resolve("worker/etc/worker.properties"));
    Path consoleProperties = prefix.resolve("console/etc/console.properties");
    byte[] console = Files.exists(consoleProperties) ? Files.readAllBytes(consoleProperties) : null;

    Result again = install(installer);

    again.assertOk("install.sh, the second time");
    assertFalse(again.output.contains("creating"), again.output);
    assertFalse(again.output.contains("issuing"), again.output);
    assertArrayEquals(ca, Files.readAllBytes(prefix.resolve("admin/etc/pki/ca.p12")));
    assertArrayEquals(kek, Files.readAllBytes(prefix.resolve("dispatcher/etc/pki/kek.p12")));
    assertArrayEquals(km, Files.readAllBytes(prefix.resolve("km/etc/km.properties")));
    assertArrayEquals(worker, Files.readAllBytes(prefix.resolve("worker/etc/worker.properties")));
    if (console != null) {
      assertArrayEquals(console, Files.readAllBytes(consoleProperties));
    }
  }

  /** The statement is refused for want of a privilege (1142: command denied to user for table). */
  /**
   * The two-machine layout on one host: the {@code console} profile installed into a second prefix
   * (its own "machine"), with the first installation's CA and key-encryption key copied over as
   * docs/install.md says, reaching the first one's database and Dispatcher; its console and API
   * start, answer, and stop.
   */
  @Test
  @Order(5)
  void shouldInstallTheConsoleProfileOnASecondMachine() throws Exception {
    assumeTrue(Files.isDirectory(prefix.resolve("console")), "this build has no console");
    consoleMachine = work.resolve("console-machine");
    copyTree(prefix.resolve("admin/etc/pki"), consoleMachine.resolve("admin/etc/pki"));
    for (String c : List.of("console", "api")) {
      Path pki = Files.createDirectories(consoleMachine.resolve(c).resolve("etc/pki"));
      for (String f : List.of("kek.p12", "kek.p12.password")) {
        Files.copy(prefix.resolve("dispatcher/etc/pki").resolve(f), pki.resolve(f));
      }
    }
    Properties first = state();
    int secondApi = freePort();
    int secondConsole = freePort();
    Result installed =
        run(
            List.of(
                "bash",
                installer.toString(),
                "--profile",
                "console",
                "--prefix",
                consoleMachine.toString(),
                "--no-packages",
                "--host",
                "127.0.0.1",
                "--db-url",
                ROOT_URL + schema(),
                "--db-user",
                dbUser(),
                "--db-password",
                first.getProperty("STATE_DB_PASSWORD"),
                "--console-db-password",
                first.getProperty("STATE_CONSOLE_DB_PASSWORD"),
                "--dispatcher-url",
                "https://127.0.0.1:" + dispatcherPort,
                "--api-port",
                Integer.toString(secondApi),
                "--console-port",
                Integer.toString(secondConsole)),
            Duration.ofMinutes(3));
    installed.assertOk("install.sh --profile console");
    assertFalse(
        installed.output.contains("creating the installation CA"),
        "the console machine uses the installation's CA: " + installed.output);
    assertFalse(Files.exists(consoleMachine.resolve("km")), "no KM on the console machine");
    assertFalse(Files.exists(consoleMachine.resolve("dispatcher")), "nor a Dispatcher");

    initScript("stratus-km", "start").assertOk("stratus-km start");
    initScript("stratus-dispatcher", "start").assertOk("stratus-dispatcher start");
    try {
      for (String c : List.of("console", "api")) {
        String script = "stratus-" + c;
        int port = c.equals("console") ? secondConsole : secondApi;
        Path init = consoleMachine.resolve("init.d").resolve(script);
        run(List.of(init.toString(), "start"), START).assertOk(script + " start (second machine)");
        assertTrue(portOpen(port), c + " does not listen on " + port);
        assertTrue(answersWithoutClientCertificate(port), c + " refused");
        run(List.of(init.toString(), "stop"), START).assertOk(script + " stop (second machine)");
        assertFalse(portOpen(port), c + " still listens on " + port);
      }
    } finally {
      initScript("stratus-dispatcher", "stop");
      pinger("stop");
      initScript("stratus-km", "stop");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void assertDenied(Statement sql, String statement) {
    SQLException e =
        assertThrows(SQLException.class, () -> sql.executeUpdate(statement), statement);
    assertEquals(1142, e.getErrorCode(), statement + ": " + e.getMessage());
  }

  /** An HTTPS request without a client certificate, trusting the installation CA: answered? */
  private static boolean answersWithoutClientCertificate(int port) throws Exception {
    Path pki = prefix.resolve("km/etc/pki");
    char[] password = Files.readString(pki.resolve("truststore.p12.password")).trim().toCharArray();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.resolve("truststore.p12"))) {
      trust.load(in, password);
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = socket.getInputStream().readNBytes(8);
      return new String(answer, StandardCharsets.US_ASCII).startsWith("HTTP/1.1");
    } catch (IOException e) {
      return false;
    }
  }

  private static Result install(Path script) {
    return run(
        List.of(
            "bash",
            script.toString(),
            "--profile",
            "single",
            "--prefix",
            prefix.toString(),
            "--no-packages",
            "--db-url",
            ROOT_URL + schema(),
            "--km-db-url",
            ROOT_URL + kmSchema(),
            "--db-user",
            dbUser(),
            "--amqp-uri",
            "amqp://" + amqpUser() + ":pw" + suffix + "@127.0.0.1:5672/" + vhost(),
            "--km-port",
            Integer.toString(kmPort),
            "--dispatcher-port",
            Integer.toString(dispatcherPort),
            "--api-port",
            Integer.toString(apiPort),
            "--console-port",
            Integer.toString(consolePort)),
        Duration.ofMinutes(3));
  }

  private static Result initScript(String script, String action) {
    return run(List.of(prefix.resolve("init.d").resolve(script).toString(), action), START);
  }

  private static Result pinger(String action) {
    return run(List.of(prefix.resolve("dispatcher/bin/pinger").toString(), action), START);
  }

  private static Properties state() throws IOException {
    Properties state = new Properties();
    for (String line : Files.readAllLines(prefix.resolve("admin/etc/install.state"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        state.setProperty(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
      }
    }
    return state;
  }

  private static Connection connect(String schema, String user, String password)
      throws SQLException {
    return DriverManager.getConnection(ROOT_URL + schema, user, password);
  }

  private static String schema() {
    return "stratus_it_" + suffix;
  }

  private static String kmSchema() {
    return "stratus_it_" + suffix + "_km";
  }

  private static String dbUser() {
    return "it" + suffix;
  }

  private static String amqpUser() {
    return "it" + suffix;
  }

  private static String vhost() {
    return "stratus-it-" + suffix;
  }

  record Result(int exit, String output) {
    void assertOk(String what) {
      assertEquals(0, exit, what + " failed:\n" + output);
    }
  }

  /** Runs a command with a clean STRATUS_* environment; its output is printed as well. */
  private static Result run(List<String> command, Duration timeout) {
    try {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
      builder.environment().keySet().removeIf(name -> name.startsWith("STRATUS_"));
      builder.redirectErrorStream(true);
      Path log = Files.createTempFile("install-it-", ".out");
      builder.redirectOutput(log.toFile());
      Instant started = Instant.now();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      int exit = process.isAlive() ? -1 : process.exitValue();
      System.out.printf(
          "$ %s  (exit %d, %d s)%n%s",
          String.join(" ", command),
          exit,
          Duration.between(started, Instant.now()).toSeconds(),
          output);
      return new Result(exit, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String program) {
    return run(List.of("sh", "-c", "command -v " + program), Duration.ofSeconds(10)).exit == 0;
  }

  private static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // left for the OS to clean
    }
  }
}
