package io.stratus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.security.support.CloudWork;
import io.stratus.security.support.ConsoleSession;
import io.stratus.security.support.ConsoleSession.Page;
import io.stratus.security.support.SecretScan;
import io.stratus.security.support.SecurityPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standing secrets check. Distinctive secrets of this run go in through every entry point:
 * cloud credentials (through the signed API and the console's form), API key secrets (made in the
 * console and through the API, and the one {@code stratus-admin customer create} prints), console
 * passwords (a sign-in with a mistyped password, one with an unknown e-mail, a locked-out user's
 * attempts and then its right password, a password change, and the passwords the API hands out for
 * a new user and a reset), and an agent's bootstrap token (a server launched from {@code
 * img-agent}, whose agent enrols with it). Then neither schema (every column of every row, BLOBs
 * and session attributes as raw bytes), nor any log file or log event, nor the state directories,
 * nor the MariaDB redo log holds any of them in any of the {@link
 * io.stratus.security.support.SecretForms encodings}; and the local cloud's files that hold tokens
 * or customer data are owner-only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlantedSecretsIT {
  private static final String B = CloudWork.B;
  private static final int MAX_FAILURES = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private SecurityPlatform platform;
  private ApiFixture.Customer acme;
  private ApiClient admin;
  private CloudWork work;
  private long cloudId;
  private String ownerEmail;
  private String ownerPassword;
  private String agentToken;

  @BeforeAll
  void start() throws Exception {
    platform =
        SecurityPlatform.start(
            "secrets",
            Map.of("signin.max-failures", String.valueOf(MAX_FAILURES), "signin.lockout", "10m"));
    cloudId = platform.console().defineLocalCloud();
    acme = platform.api().newCustomer("acme" + run);
    plant("API secret printed by customer create", acme.secretKey());
    admin = platform.apiClient(acme);
    work = new CloudWork(admin);
    ownerEmail = "owner@acme" + run + ".example";
    ownerPassword = platform.console().newUser(acme.id(), ownerEmail, "Administrator");
    plant("console password printed by user create", ownerPassword);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  /** A secret of this run, distinct from every other, with bytes each encoding changes. */
  private String secret(String kind) {
    return kind + "+" + run + "/&%=" + kind.length();
  }

  private void plant(String label, String secret) {
    assertFalse(secret == null || secret.isEmpty(), label);
    secrets.put(label, secret);
  }

  @Test
  @Order(1)
  void plantCloudCredentialsThroughTheApiAndTheConsoleForm() throws Exception {
    Map<String, String> cloud = platform.platform().cloud().credentials();
    plant("local cloud secret key registered through the API", cloud.get("secretKey"));
    long account =
        work.addAccount(cloudId, "local", cloud.get("accessKey"), cloud.get("secretKey"));
    assertTrue(account > 0);

    String typed = secret("CloudSecretTypedInTheConsole");
    plant("cloud secret typed in the console's account form", typed);
    ConsoleSession console = signedIn(ownerEmail, ownerPassword);
    Page registered =
        console.submit(
            "/accounts/new?cloud=" + cloudId,
            "/accounts",
            Map.of(
                "cloud",
                String.valueOf(cloudId),
                "name",
                "typed",
                "field.accessKey",
                cloud.get("accessKey"),
                "field.secretKey",
                typed));
    assertEquals(302, registered.status(), registered.body());
    assertTrue(registered.location().contains("/jobs/"), registered.location());
    long job = Long.parseLong(registered.location().replaceAll(".*/jobs/(\\d+).*", "$1"));
    JsonNode ended = work.ended(job);
    assertFalse("RUNNING".equals(ended.path("status").asText()), ended.toString());
  }

  @Test
  @Order(2)
  void plantApiKeySecretsThroughTheConsoleAndTheApi() {
    ConsoleSession console = signedIn(ownerEmail, ownerPassword);
    Page created =
        console.follow(
            console.submit("/api-keys", "/api-keys", Map.of("name", "made in the console")));
    assertEquals(200, created.status(), created.body());
    String access = created.text("new-access-key");
    String secret = created.text("new-secret-key");
    plant("API secret made in the console", secret);
    assertEquals(200, admin.as(access, secret).get(B + "/geography/Cloud").status());

    Answer generated =
        admin.post(B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of("name", "ci"))));
    assertEquals(201, generated.status(), generated.raw());
    plant(
        "API secret made through the API",
        generated.body().path("apiKeys").path(0).path("secretKey").asText());
  }

  @Test
  @Order(3)
  void plantPasswordsThroughSignInsLockOutChangeAndTheApi() {
    String mistyped = secret("MistypedPassword");
    plant("mistyped password of a real user", mistyped);
    assertFalse(ConsoleSession.admitted(session().signIn(ownerEmail, mistyped)));

    String unknown = secret("PasswordForAnUnknownEmail");
    plant("password tried for an unknown e-mail", unknown);
    assertFalse(
        ConsoleSession.admitted(session().signIn("nobody-" + run + "@acme.example", unknown)));

    String lockedEmail = "locked@acme" + run + ".example";
    String lockedPassword = platform.console().newUser(acme.id(), lockedEmail, "Administrator");
    plant("locked-out user's right password", lockedPassword);
    for (int i = 0; i < MAX_FAILURES; i++) {
      String attempt = secret("LockOutAttempt" + i);
      plant("lock-out attempt " + i, attempt);
      assertFalse(ConsoleSession.admitted(session().signIn(lockedEmail, attempt)));
    }
    assertFalse(
        ConsoleSession.admitted(session().signIn(lockedEmail, lockedPassword)),
        "the right password is refused while locked out");

    String chosen = secret("ChangedToPassword");
    plant("password changed to", chosen);
    ConsoleSession owner = signedIn(ownerEmail, ownerPassword);
    Page changed =
        owner.follow(
            owner.submit(
                "/me/password",
                "/me/password",
                Map.of("current", ownerPassword, "chosen", chosen, "repeated", chosen)));
    assertEquals(200, changed.status(), changed.body());
    assertTrue(changed.body().contains("Your password is changed"), changed.body());
    ownerPassword = chosen;
    signedIn(ownerEmail, ownerPassword);

    Answer user =
        admin.post(
            B + "/admin/User",
            Map.of("addUser", List.of(Map.of("email", "new@acme" + run + ".example"))));
    assertEquals(201, user.status(), user.raw());
    JsonNode made = user.body().path("users").path(0);
    plant("new user's password from the API", made.path("password").asText());
    Answer reset =
        admin.put(
            B + "/admin/User/" + made.path("userId").asLong(),
            Map.of("resetPassword", List.of(Map.of())));
    assertEquals(200, reset.status(), reset.raw());
    plant(
        "reset password from the API",
        reset.body().path("users").path(0).path("password").asText());
  }

  @Test
  @Order(4)
  void plantAnAgentTokenByLaunchingTheAgentImageAndLetItEnrol() throws Exception {
    long account =
        platform
            .platform()
            .jdbc()
            .sql("SELECT id FROM cloud_account WHERE customer_id = ? AND name = 'local'")
            .param(acme.id())
            .query(Long.class)
            .single();
    long region = work.region(account, "local-1");
    long[] launched = work.launch("agent-" + run, region, "img-agent");
    agentToken = bootstrapToken(launched[1], launched[0]);
    plant("agent bootstrap token", agentToken);
    String state = awaitAgentState(launched[0], Duration.ofSeconds(90));
    assertEquals("reachable", state, "the agent enrolled with its token");

    long volume = work.addVolume("data-" + run, region);
    work.snapshot(volume, "nightly-" + run);
  }

  /** The token the launch sealed into its task, opened as the worker opens it. */
  private String bootstrapToken(long jobId, long serverId) throws Exception {
    String payload =
        platform
            .platform()
            .jdbc()
            .sql("SELECT payload FROM task WHERE job_id = ?")
            .param(jobId)
            .query(String.class)
            .single();
    String sealed = JSON.readTree(payload).path("agent").path("token").asText();
    assertFalse(sealed.isEmpty(), "the launch task carries a sealed token: " + payload);
    return platform
        .platform()
        .km()
        .customerKeys()
        .open(acme.id(), "agent-bootstrap:" + serverId, sealed);
  }

  private String awaitAgentState(long serverId, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String state = null;
    while (System.nanoTime() < deadline) {
      state =
          platform
              .platform()
              .jdbc()
              .sql("SELECT state FROM guest_agent WHERE server_id = ?")
              .param(serverId)
              .query(String.class)
              .optional()
              .orElse(null);
      if ("reachable".equals(state)) {
        return state;
      }
      Thread.sleep(250);
    }
    return state;
  }

  @Test
  @Order(10)
  void neitherSchemaHoldsAnySecretInAnyColumn() throws Exception {
    SecretScan scan = scan();
    List<String> findings = new ArrayList<>();
    findings.addAll(scan.inSchema(platform.platform().km().mainDatabase().dataSource()));
    findings.addAll(scan.inSchema(platform.platform().km().kmDatabase().dataSource()));
    assertEquals(List.of(), findings, "secrets at rest in MySQL");
  }

  @Test
  @Order(11)
  void noLogFileAndNoLogEventHoldsAnySecret() throws Exception {
    SecretScan scan = scan();
    List<Path> files = SecretScan.files(platform.logDir());
    assertTrue(
        files.stream()
            .map(f -> f.getFileName().toString())
            .toList()
            .containsAll(List.of("km.log", "dispatcher.log", "console.log", "api.log")),
        "every component wrote its log file: " + files);
    List<String> findings = new ArrayList<>(scan.inTree(platform.logDir(), f -> true));
    Path cloudLog = platform.platform().cloud().logFile();
    assertTrue(Files.size(cloudLog) > 0, "the local cloud logged nothing");
    findings.addAll(scan.inFile(cloudLog));
    List<String> lines = platform.logs().lines();
    assertTrue(lines.size() > 20, "too little was logged to be a test: " + lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      findings.addAll(scan.in("log event " + i + " (" + origin(line) + ")", line));
    }
    assertEquals(List.of(), findings, "secrets in logs");
  }

  @Test
  @Order(12)
  void theStateDirectoriesHoldNoSecretButWhereTheCloudKeepsItsOwn() throws Exception {
    Path cloud = platform.platform().cloud().dataDir();
    // Volumes and snapshots are sparse disk images nothing of the platform writes into (and a
    // gigabyte each to read): their modes are checked below, their contents are not scanned.
    Predicate<Path> notImage = f -> !f.toString().endsWith(".img");
    // What the cloud must keep itself (its own secret key, each VM's user data with the agent's
    // token) may be in its files only where no other user can read them; the rest nowhere.
    Map<String, String> cloudsOwn = new LinkedHashMap<>();
    Map<String, String> others = new LinkedHashMap<>(secrets);
    for (String label :
        List.of("local cloud secret key registered through the API", "agent bootstrap token")) {
      cloudsOwn.put(label, others.remove(label));
    }
    List<String> findings = new ArrayList<>(new SecretScan(others).inTree(cloud, notImage));
    SecretScan own = new SecretScan(cloudsOwn);
    for (Path file : SecretScan.files(cloud)) {
      if (notImage.test(file) && !ownerOnly(file)) {
        findings.addAll(own.inFile(file).stream().map(f -> f + ", readable by others").toList());
      }
    }
    Path km = platform.platform().km().pki().getParent();
    findings.addAll(scan().inTree(km, f -> true));
    assertEquals(List.of(), findings, "secrets in state directories");
  }

  @Test
  @Order(13)
  void theInnoDbRedoLogHoldsNoSecret() throws Exception {
    String dataDir =
        platform.platform().jdbc().sql("SELECT @@datadir").query(String.class).single();
    Path redo = Path.of(dataDir, "ib_logfile0");
    Assumptions.assumeTrue(
        Files.isReadable(redo),
        "the redo log "
            + redo
            + " is not readable here (the database runs elsewhere, or the tests do not run as"
            + " root): not scanned");
    assertEquals(List.of(), scan().inFile(redo), "secrets in the InnoDB redo log");
  }

  @Test
  @Order(14)
  void theLocalCloudsFilesThatHoldTokensOrCustomerDataAreOwnerOnly() throws Exception {
    Path cloud = platform.platform().cloud().dataDir();
    List<String> open = new ArrayList<>();
    List<Path> checked = new ArrayList<>();
    checked.add(cloud.resolve("credentials.properties"));
    for (String dir : List.of("regions", "volumes", "snapshots", "vms")) {
      checked.add(cloud.resolve(dir));
      checked.addAll(SecretScan.files(cloud.resolve(dir)));
    }
    for (String dir : List.of("regions", "volumes", "snapshots")) {
      assertFalse(
          SecretScan.files(cloud.resolve(dir)).isEmpty(), "nothing in " + dir + " to check");
    }
    for (Path path : checked) {
      if (!Files.exists(path)) {
        continue;
      }
      if (!ownerOnly(path)) {
        open.add(
            cloud.relativize(path)
                + " "
                + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
      }
    }
    assertEquals(List.of(), open, "files or directories others can read");
  }

  private static boolean ownerOnly(Path path) throws IOException {
    return Files.getPosixFilePermissions(path).stream()
        .noneMatch(m -> m.name().startsWith("GROUP") || m.name().startsWith("OTHERS"));
  }

  private SecretScan scan() {
    assertTrue(secrets.size() >= 15, "not every secret was planted: " + secrets.keySet());
    return new SecretScan(secrets);
  }

  private ConsoleSession session() {
    return platform.consoleSession();
  }

  private ConsoleSession signedIn(String email, String password) {
    ConsoleSession session = session();
    Page answer = session.signIn(email, password);
    assertTrue(ConsoleSession.admitted(answer), "sign-in refused: " + answer.location());
    return session;
  }

  /** A log line's level and logger, without its message (which may hold a secret). */
  private static String origin(String line) {
    int end = line.indexOf(" - ");
    return end < 0 ? "?" : line.substring(0, end);
  }
}
