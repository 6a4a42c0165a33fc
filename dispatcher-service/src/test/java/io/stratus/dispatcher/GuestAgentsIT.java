package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.common.pki.ComponentIdentity;
import io.stratus.common.pki.KeyStores;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import io.stratus.pinger.Pinger;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest agents and the Dispatcher, with real parts: a launch prepares the agent's one-time
 * bootstrap, the handshake on 3302 trusts it once (and only for its server, only while fresh), the
 * agent renews its certificate with it and may reach nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuestAgentsIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Platform platform;
  private DispatcherClient console;
  private long customer;
  private long regionId;
  private long serverId;
  private String token;
  private KeyPair agentKey;
  private X509Certificate agentCertificate;
  private long agentServer;

  @BeforeAll
  void start() throws Exception {
    platform = Platform.start("agents", "regions=local-1\nregion.local-1.mode=process\n", Map.of());
    long[] acme = platform.newCustomer("agentco");
    customer = acme[0];
    console = platform.client("console", customer, acme[1]);
    long cloudId = platform.defineLocalCloud();
    Answer account = platform.registerLocalAccount(console, cloudId);
    assertEquals("COMPLETE", awaitJob(account).path("status").asText());
    regionId =
        platform
            .jdbc()
            .sql(
                "SELECT id FROM region WHERE cloud_account_id = ? AND provider_region_id = 'local-1'")
            .param(account.id("resourceId"))
            .query(Long.class)
            .single();
    // img-sleep stands for an image with an agent that has not called yet, so the tests can make
    // the agent's calls themselves; the cloud says it runs none (img-agent is the one that does).
    // The images refresh writes back what the cloud says, so the tests let its first run end and
    // put the next one a day off before marking the image.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (platform
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM cache_work WHERE region_id = ? AND kind = 'images'"
                    + " AND last_polled_at IS NOT NULL AND lease_owner IS NULL")
            .param(regionId)
            .query(Integer.class)
            .single()
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the region's images were never refreshed");
      }
      Thread.sleep(200);
    }
    platform
        .jdbc()
        .sql(
            "UPDATE cache_work SET next_due_at = NOW(3) + INTERVAL 1 DAY"
                + " WHERE region_id = ? AND kind = 'images'")
        .param(regionId)
        .update();
    platform
        .jdbc()
        .sql(
            "UPDATE machine_image SET runs_agent = TRUE WHERE region_id = ?"
                + " AND provider_image_id = 'img-sleep'")
        .param(regionId)
        .update();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void aLaunchPreparesAPendingAgentWhoseTokenIsKeptOnlyAsAHash() throws Exception {
    Answer launched = console.post("/servers", launch("agent-1", "img-sleep"));
    assertEquals(202, launched.status(), launched.body().toString());
    serverId = launched.id("resourceId");
    assertEquals("COMPLETE", awaitJob(launched).path("status").asText());
    token = tokenOf(launched.id("jobId"), serverId);

    Answer agent = console.get("/servers/" + serverId + "/agent");
    assertEquals(200, agent.status(), agent.body().toString());
    assertEquals("pending", agent.body().path("state").asText());
    String schema = platform.km().mainDatabase().contents();
    assertFalse(schema.contains(token), "the bootstrap token in the clear in the main schema");
    String cloudState =
        Files.readString(platform.cloud().dataDir().resolve("regions").resolve("local-1.json"));
    assertTrue(
        cloudState.contains("stratus.agent.token=" + token),
        "the VM's user data (in the cloud's own records) carries the token");
    assertTrue(cloudState.contains("stratus.agent.server-id=" + serverId), cloudState);
  }

  @Test
  @Order(2)
  void aWrongTokenOrAnotherServersTokenIsRefused() throws Exception {
    agentKey = newKey();
    HttpResponse<String> wrong = handshake(serverId, "not-the-token", csr(agentKey));
    assertEquals(401, wrong.statusCode(), wrong.body());
    assertTrue(wrong.body().contains("not valid for server " + serverId), wrong.body());
    HttpResponse<String> elsewhere = handshake(serverId + 1000, token, csr(agentKey));
    assertEquals(401, elsewhere.statusCode(), elsewhere.body());
    HttpResponse<String> garbage = handshake(serverId, token, "-----BEGIN NONSENSE-----");
    assertEquals(400, garbage.statusCode(), garbage.body());
    assertEquals(
        "pending", console.get("/servers/" + serverId + "/agent").body().path("state").asText());
  }

  @Test
  @Order(3)
  void theRightTokenBringsTheAgentInOnceWithACertificateForTheCloudsAddressNotTheCallers()
      throws Exception {
    String cloudsAddress = privateIp(serverId);
    assertNotEquals("127.42.9.9", cloudsAddress);
    HttpResponse<String> accepted = handshake(serverId, token, csr(agentKey));
    assertEquals(200, accepted.statusCode(), accepted.body());
    JsonNode answer = JSON.readTree(accepted.body());
    assertEquals(serverId, answer.path("serverId").asLong());
    agentCertificate = parse(answer.path("certificate").asText());
    assertEquals(agentKey.getPublic(), agentCertificate.getPublicKey());
    assertEquals(
        new ComponentIdentity("agent", cloudsAddress),
        ComponentIdentity.of(agentCertificate).orElseThrow(),
        "the certificate names the server's address as the cloud reported it, not the caller's");
    assertEquals(
        platform.km().tls("console").trustStore().getCertificate("stratus-ca"),
        parse(answer.path("caCertificate").asText()));

    JsonNode agent = console.get("/servers/" + serverId + "/agent").body();
    assertEquals("reachable", agent.path("state").asText());
    assertEquals(cloudsAddress, agent.path("address").asText());
    assertEquals(
        2003, agent.path("port").asInt(), "the port is the configured one, not the caller's");
    assertEquals("1.2.3", agent.path("version").asText());
    assertEquals(64, agent.path("certificateFingerprint").asText().length());

    HttpResponse<String> again = handshake(serverId, token, csr(newKey()));
    assertEquals(401, again.statusCode(), again.body());
    assertTrue(again.body().contains("already used"), again.body());
    assertEquals(
        1,
        count(
            "audit_event WHERE action = 'agent.handshake' AND outcome = 'accepted' AND resource_id"
                + " = '"
                + serverId
                + "'"));
    assertEquals(
        1,
        count(
            "audit_event WHERE action = 'agent.handshake' AND outcome = 'refused' AND resource_id"
                + " = '"
                + serverId
                + "'"));
  }

  @Test
  @Order(4)
  void theAgentRenewsWithItsCertificateAndReachesNothingElse() throws Exception {
    DispatcherClient asAgent =
        new DispatcherClient(
            agentTls(agentKey, agentCertificate), platform.dispatcherPort(), null, null);
    KeyPair next = newKey();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("csr", csr(next));
    body.put("version", "1.2.4");
    body.put("address", "127.42.9.9");
    body.put("port", 2003);
    Answer renewed = asAgent.post("/agents/renew", body);
    assertEquals(200, renewed.status(), renewed.body().toString());
    X509Certificate fresh = parse(renewed.body().path("certificate").asText());
    assertEquals(next.getPublic(), fresh.getPublicKey());
    JsonNode agent = console.get("/servers/" + serverId + "/agent").body();
    assertEquals("1.2.4", agent.path("version").asText());
    assertNotEquals(fingerprint(agentCertificate), agent.path("certificateFingerprint").asText());
    assertEquals(fingerprint(fresh), agent.path("certificateFingerprint").asText());

    Answer elsewhere = asAgent.as(customer, null).get("/jobs/1");
    assertEquals(403, elsewhere.status(), elsewhere.body().toString());
    assertTrue(elsewhere.error().contains("'agent' may not call"), elsewhere.error());

    HttpResponse<String> withoutCertificate = post("/agents/renew", JSON.writeValueAsString(body));
    assertEquals(403, withoutCertificate.statusCode(), withoutCertificate.body());
  }

  @Test
  @Order(5)
  void anExpiredTokenIsRefused() throws Exception {
    Answer launched = console.post("/servers", launch("agent-late", "img-sleep"));
    long late = launched.id("resourceId");
    assertEquals("COMPLETE", awaitJob(launched).path("status").asText());
    String lateToken = tokenOf(launched.id("jobId"), late);
    platform
        .jdbc()
        .sql(
            "UPDATE agent_bootstrap_token SET expires_at = NOW(3) - INTERVAL 1 SECOND"
                + " WHERE server_id = ?")
        .param(late)
        .update();
    HttpResponse<String> refused = handshake(late, lateToken, csr(newKey()));
    assertEquals(401, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("expired"), refused.body());
  }

  @Test
  @Order(6)
  void aScriptNeedsAReachableAgentAndAWellFormedName() {
    Answer badName = console.post("/servers/" + serverId + "/scripts/..hidden", Map.of());
    assertEquals(400, badName.status(), badName.body().toString());
    assertTrue(badName.error().contains("script name"), badName.error());
    Answer badTimeout =
        console.post("/servers/" + serverId + "/scripts/scaleCheck", Map.of("timeoutSeconds", 0));
    assertEquals(400, badTimeout.status(), badTimeout.body().toString());
    platform
        .jdbc()
        .sql("UPDATE guest_agent SET state = 'unreachable' WHERE server_id = ?")
        .param(serverId)
        .update();
    Answer unreachable = console.post("/servers/" + serverId + "/scripts/scaleCheck", Map.of());
    assertEquals(409, unreachable.status(), unreachable.body().toString());
    assertTrue(unreachable.error().contains("unreachable"), unreachable.error());
  }

  @Test
  @Order(7)
  void aVmFromTheAgentImageHandsShakesAndBecomesReachable() throws Exception {
    Answer launched = console.post("/servers", launch("agent-real", "img-agent"));
    agentServer = launched.id("resourceId");
    assertEquals("COMPLETE", awaitJob(launched).path("status").asText());
    JsonNode agent = awaitAgent(agentServer, "reachable");
    assertEquals(
        platform
            .jdbc()
            .sql("SELECT private_ip FROM server WHERE id = ?")
            .param(agentServer)
            .query(String.class)
            .single(),
        agent.path("address").asText(),
        "the agent listens on its VM's address");
    assertFalse(agent.path("version").asText().isEmpty(), agent.toString());
  }

  @Test
  @Order(8)
  void aScriptRunsAsAJobWithItsOutputKept() throws Exception {
    JsonNode ok =
        awaitJob(console.post("/servers/" + agentServer + "/scripts/scaleCheck", Map.of()));
    assertEquals("COMPLETE", ok.path("status").asText(), ok.toString());
    assertTrue(ok.path("output").asText().startsWith("exit code 0"), ok.toString());
    assertTrue(ok.path("output").asText().contains("load"), ok.toString());

    Path custom = vmDir(agentServer).resolve("agent").resolve("custom").resolve("bin");
    Files.createDirectories(custom);
    Path failing = custom.resolve("failHere");
    Files.writeString(failing, "#!/bin/sh\necho \"asked for $1\"\nexit 3\n");
    failing.toFile().setExecutable(true);
    JsonNode failed =
        awaitJob(
            console.post(
                "/servers/" + agentServer + "/scripts/failHere", Map.of("args", List.of("x y"))));
    assertEquals("ERROR", failed.path("status").asText(), failed.toString());
    assertTrue(failed.path("message").asText().contains("exited with code 3"), failed.toString());
    assertTrue(failed.path("output").asText().contains("asked for x y"), failed.toString());

    JsonNode unknown =
        awaitJob(console.post("/servers/" + agentServer + "/scripts/noSuchScript", Map.of()));
    assertEquals("ERROR", unknown.path("status").asText(), unknown.toString());
    assertTrue(unknown.path("message").asText().contains("404"), unknown.toString());
  }

  @Test
  @Order(9)
  void linesWrittenInsideTheVmReachTheDispatchersCopy() throws Exception {
    String marker = "written inside the VM " + java.util.UUID.randomUUID();
    Files.writeString(
        vmDir(agentServer).resolve("agent").resolve("log").resolve("agent.log"),
        marker + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Answer logs = console.get("/servers/" + agentServer + "/logs?name=agent&limit=1000");
      assertEquals(200, logs.status(), logs.body().toString());
      if (logs.body().toString().contains(marker)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the line never reached the Dispatcher: " + logs.body());
      }
      Thread.sleep(500);
    }
    long[] other = platform.newCustomer("nosy");
    Answer elsewhere =
        platform.client("console", other[0], other[1]).get("/servers/" + agentServer + "/logs");
    assertEquals(404, elsewhere.status(), "another customer's server's logs are not there");
  }

  @Test
  @Order(10)
  void thePingerMarksTheAgentOfAKilledVmUnreachableAndReachableWhenItRunsAgain() throws Exception {
    try (Pinger pinger = platform.startPinger("500ms", 2)) {
      ProcessHandle vm =
          ProcessHandle.allProcesses()
              .filter(
                  p ->
                      p.info().arguments().stream()
                          .flatMap(java.util.Arrays::stream)
                          .anyMatch(a -> a.startsWith(vmDir(agentServer).toString())))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no process for the agent's VM"));
      vm.destroyForcibly();
      JsonNode lost = awaitAgent(agentServer, "unreachable");
      assertTrue(lost.path("consecutiveMisses").asInt() >= 2, lost.toString());
      awaitServer(agentServer, "stopped");

      awaitJob(console.post("/servers/" + agentServer + "/start", Map.of()));
      JsonNode back = awaitAgent(agentServer, "reachable");
      assertEquals(0, back.path("consecutiveMisses").asInt(), back.toString());
      assertEquals(
          lost.path("certificateFingerprint").asText(),
          back.path("certificateFingerprint").asText(),
          "the agent kept its identity across the restart: no second handshake");
    }
  }

  @Test
  @Order(11)
  void aLaunchFromAnImageWithoutAnAgentGetsNoToken() throws Exception {
    Answer launched = console.post("/servers", launch("no-agent", "img-http"));
    long plain = launched.id("resourceId");
    assertEquals("COMPLETE", awaitJob(launched).path("status").asText());
    String payload =
        platform
            .jdbc()
            .sql("SELECT payload FROM task WHERE job_id = ?")
            .param(launched.id("jobId"))
            .query(String.class)
            .single();
    assertTrue(JSON.readTree(payload).path("agent").isMissingNode(), payload);
    assertEquals(0, count("agent_bootstrap_token WHERE server_id = " + plain));
    assertEquals(404, console.get("/servers/" + plain + "/agent").status());
    HttpResponse<String> refused = handshake(plain, "any-token", csr(newKey()));
    assertEquals(401, refused.statusCode(), refused.body());
  }

  @Test
  @Order(12)
  void aTokenEndsWithItsServer() throws Exception {
    Answer launched = console.post("/servers", launch("short-lived", "img-sleep"));
    long server = launched.id("resourceId");
    assertEquals("COMPLETE", awaitJob(launched).path("status").asText());
    String unused = tokenOf(launched.id("jobId"), server);
    assertEquals(1, count("agent_bootstrap_token WHERE server_id = " + server));
    assertEquals(
        "COMPLETE", awaitJob(console.delete("/servers/" + server)).path("status").asText());
    assertEquals(
        0, count("agent_bootstrap_token WHERE server_id = " + server), "the token was revoked");
    HttpResponse<String> refused = handshake(server, unused, csr(newKey()));
    assertEquals(401, refused.statusCode(), refused.body());
  }

  // --- helpers ---

  private String privateIp(long server) {
    return platform
        .jdbc()
        .sql("SELECT private_ip FROM server WHERE id = ?")
        .param(server)
        .query(String.class)
        .single();
  }

  /** Waits for server {@code server}'s agent to reach {@code state}; returns it. */
  private JsonNode awaitAgent(long server, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Answer agent = console.get("/servers/" + server + "/agent");
      if (agent.status() == 200 && state.equals(agent.body().path("state").asText())) {
        return agent.body();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "agent of server " + server + " not " + state + ": " + agent.body());
      }
      Thread.sleep(250);
    }
  }

  /** Waits for server {@code server}'s row to reach {@code state} (the servers cache keeps it). */
  private void awaitServer(long server, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!state.equals(
        platform
            .jdbc()
            .sql("SELECT state FROM server WHERE id = ?")
            .param(server)
            .query(String.class)
            .single())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("server " + server + " never became " + state);
      }
      Thread.sleep(250);
    }
  }

  /** The local cloud's directory of the VM behind {@code server}. */
  private Path vmDir(long server) {
    String vm =
        platform
            .jdbc()
            .sql("SELECT provider_server_id FROM server WHERE id = ?")
            .param(server)
            .query(String.class)
            .single();
    return platform.cloud().dataDir().resolve("vms").resolve(vm);
  }

  private JsonNode awaitJob(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.body().toString());
    return console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
  }

  private Map<String, Object> launch(String name, String image) {
    long imageId =
        platform
            .jdbc()
            .sql("SELECT id FROM machine_image WHERE region_id = ? AND provider_image_id = ?")
            .params(regionId, image)
            .query(Long.class)
            .single();
    long product =
        platform
            .jdbc()
            .sql("SELECT MIN(id) FROM server_product WHERE region_id = ?")
            .param(regionId)
            .query(Long.class)
            .single();
    return Map.of("regionId", regionId, "imageId", imageId, "productId", product, "name", name);
  }

  /** The token in clear, opened from the launch task's sealed copy as the worker opens it. */
  private String tokenOf(long jobId, long server) throws Exception {
    String payload =
        platform
            .jdbc()
            .sql("SELECT payload FROM task WHERE job_id = ?")
            .param(jobId)
            .query(String.class)
            .single();
    String sealed = JSON.readTree(payload).path("agent").path("token").asText();
    assertFalse(sealed.isEmpty(), "the launch task carries a sealed token: " + payload);
    return platform.km().customerKeys().open(customer, "agent-bootstrap:" + server, sealed);
  }

  private HttpResponse<String> handshake(long server, String token, String csr) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serverId", server);
    body.put("token", token);
    body.put("csr", csr);
    body.put("version", "1.2.3");
    body.put("address", "127.42.9.9");
    body.put("port", 2003);
    return post("/agents/handshake", JSON.writeValueAsString(body));
  }

  /** A call without a client certificate, trusting the installation CA, as a new agent makes. */
  private HttpResponse<String> post(String path, String json) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(platform.km().tls("console").trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .build()
        .send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + platform.dispatcherPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static KeyPair newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String csr(KeyPair key) throws Exception {
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=agent"), key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(request);
    }
    return out.toString();
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String fingerprint(X509Certificate certificate) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  private TlsMaterial agentTls(KeyPair key, X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = KeyStores.newPassword();
    store.setKeyEntry("stratus", key.getPrivate(), password, new Certificate[] {certificate});
    Path file = Files.createTempDirectory(dir, "agent").resolve("agent.p12");
    KeyStores.save(store, file, password);
    Path trust = platform.km().pki().resolve("truststore.p12");
    return TlsMaterial.load(file, trust);
  }

  private int count(String from) {
    return platform.jdbc().sql("SELECT COUNT(*) FROM " + from).query(Integer.class).single();
  }
}
