package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every Dispatcher action end to end, with real parts: console certificate → Dispatcher → MySQL and
 * RabbitMQ → subscriber → the local cloud (VMs are real processes) → the rows and the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatcherActionsIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  private Platform platform;
  private DispatcherClient console;
  private long customer;
  private long user;
  private long cloudId;
  private long accountId;
  private long regionId;
  private long serverId;
  private long volumeId;

  @BeforeAll
  void start() throws Exception {
    platform =
        Platform.start("dispatch", "regions=local-1\nregion.local-1.mode=process\n", Map.of());
    long[] acme = platform.newCustomer("acme");
    customer = acme[0];
    user = acme[1];
    cloudId = platform.defineLocalCloud();
    console = platform.client("console", customer, user);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void registeringAnAccountStoresTheCredentialsAndDiscoversTheCloud() throws Exception {
    Map<String, String> credentials = platform.cloud().credentials();
    Answer wrong =
        console.post(
            "/accounts",
            Map.of("cloudId", cloudId, "name", "bad", "fields", Map.of("accessKey", "x")));
    assertEquals(400, wrong.status());
    assertTrue(wrong.error().contains("secretKey"), wrong.error());

    Answer accepted =
        console.post(
            "/accounts",
            Map.of(
                "cloudId",
                cloudId,
                "name",
                "local",
                "fields",
                Map.of(
                    "accessKey", credentials.get("accessKey"),
                    "secretKey", credentials.get("secretKey"))));
    assertEquals(202, accepted.status(), accepted.body().toString());
    accountId = accepted.id("resourceId");
    JsonNode job = console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    assertEquals(100, job.path("progress").asInt());
    assertTrue(job.path("message").asText().contains("active"), job.toString());

    Map<String, Object> account =
        platform
            .jdbc()
            .sql("SELECT status, km_key_id, capabilities FROM cloud_account WHERE id = ?")
            .param(accountId)
            .query()
            .singleRow();
    assertEquals("active", account.get("status"));
    assertNotNull(account.get("km_key_id"));
    String mainSchema = platform.km().mainDatabase().contents();
    assertTrue(mainSchema.contains("-- cloud_account"), "the dump reads the main schema");
    assertFalse(mainSchema.contains(credentials.get("secretKey")), "a secret in the main schema");
    assertFalse(
        platform.km().kmDatabase().contents().contains(credentials.get("secretKey")),
        "a secret in the clear in the KM's schema");
    regionId =
        platform
            .jdbc()
            .sql(
                "SELECT id FROM region WHERE cloud_account_id = ? AND provider_region_id = 'local-1'")
            .param(accountId)
            .query(Long.class)
            .single();
    assertTrue(count("data_center WHERE region_id = " + regionId) >= 1, "data centres discovered");
    assertTrue(count("machine_image WHERE region_id = " + regionId) >= 2, "images discovered");
    assertTrue(count("server_product WHERE region_id = " + regionId) >= 1, "products discovered");
    assertEquals(
        1, count("audit_event WHERE action = 'account.register' AND outcome = 'accepted'"));
  }

  @Test
  @Order(2)
  void launchShowsThePendingRowAtOnceAndEndsRunningWithAnAddress() throws Exception {
    Answer launched = console.post("/servers", launch("web-1"));
    assertEquals(202, launched.status(), launched.body().toString());
    serverId = launched.id("resourceId");
    String first = state(serverId);
    assertTrue(List.of("pending", "running").contains(first), first);

    JsonNode job = console.awaitJob(launched.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    assertEquals(serverId, job.path("resourceId").asLong());
    assertEquals("running", state(serverId));
    String address =
        platform
            .jdbc()
            .sql("SELECT COALESCE(public_ip, private_ip) FROM server WHERE id = ?")
            .param(serverId)
            .query(String.class)
            .single();
    assertNotNull(address, "the running server has an address");
    assertTrue(job.path("message").asText().contains(address), job.toString());
  }

  @Test
  @Order(3)
  void stopStartRebootFollowTheMachine() throws Exception {
    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/stop", Map.of())));
    assertEquals("stopped", state(serverId));
    Answer again = console.post("/servers/" + serverId + "/stop", Map.of());
    assertEquals(409, again.status());
    assertTrue(again.error().contains("stopped"), again.error());

    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/start", Map.of())));
    assertEquals("running", state(serverId));
    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/reboot", Map.of())));
    assertEquals("running", state(serverId));
  }

  @Test
  @Order(4)
  void volumesAttachDetachAndSnapshot() throws Exception {
    Answer tooBig =
        console.post("/volumes", Map.of("regionId", regionId, "name", "v", "sizeGb", 1_000_000));
    assertEquals(400, tooBig.status());
    Answer created =
        console.post("/volumes", Map.of("regionId", regionId, "name", "data", "sizeGb", 2));
    assertEquals("COMPLETE", run(created));
    volumeId = created.id("resourceId");
    assertEquals("available", column("volume", volumeId, "state"));

    assertEquals(
        "COMPLETE",
        run(console.post("/volumes/" + volumeId + "/attach", Map.of("serverId", serverId))));
    assertEquals("attached", column("volume", volumeId, "state"));
    assertEquals(String.valueOf(serverId), column("volume", volumeId, "server_id"));

    Answer snapshot = console.post("/snapshots", Map.of("volumeId", volumeId, "name", "before"));
    assertEquals("COMPLETE", run(snapshot));
    assertEquals("available", column("snapshot", snapshot.id("resourceId"), "state"));

    assertEquals("COMPLETE", run(console.post("/volumes/" + volumeId + "/detach", Map.of())));
    assertEquals("available", column("volume", volumeId, "state"));
    assertEquals("COMPLETE", run(console.delete("/snapshots/" + snapshot.id("resourceId"))));
    assertEquals("COMPLETE", run(console.delete("/volumes/" + volumeId)));
    assertEquals("deleted", column("volume", volumeId, "state"));
  }

  @Test
  @Order(5)
  void ipAddressesAndFirewallRules() throws Exception {
    Answer requested = console.post("/ip-addresses", Map.of("regionId", regionId));
    assertEquals("COMPLETE", run(requested));
    long ip = requested.id("resourceId");
    assertNotNull(column("ip_address", ip, "address"));
    assertEquals(
        "COMPLETE",
        run(console.post("/ip-addresses/" + ip + "/assign", Map.of("serverId", serverId))));
    assertEquals("assigned", column("ip_address", ip, "state"));
    assertEquals(column("ip_address", ip, "address"), column("server", serverId, "public_ip"));
    assertEquals("COMPLETE", run(console.post("/ip-addresses/" + ip + "/unassign", Map.of())));
    assertEquals("COMPLETE", run(console.delete("/ip-addresses/" + ip)));
    assertEquals("released", column("ip_address", ip, "state"));

    Answer firewall = console.post("/firewalls", Map.of("regionId", regionId, "name", "web"));
    assertEquals("COMPLETE", run(firewall));
    long firewallId = firewall.id("resourceId");
    Answer badRule =
        console.post(
            "/firewalls/" + firewallId + "/rules",
            Map.of("protocol", "TCP", "fromPort", 80, "cidr", "everywhere"));
    assertEquals(400, badRule.status());
    assertEquals(
        "COMPLETE",
        run(
            console.post(
                "/firewalls/" + firewallId + "/rules",
                Map.of("protocol", "TCP", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0"))));
    long rule =
        platform
            .jdbc()
            .sql("SELECT id FROM firewall_rule WHERE firewall_id = ?")
            .param(firewallId)
            .query(Long.class)
            .single();
    assertEquals("COMPLETE", run(console.delete("/firewalls/" + firewallId + "/rules/" + rule)));
    assertEquals(0, count("firewall_rule WHERE firewall_id = " + firewallId));
    assertEquals("COMPLETE", run(console.delete("/firewalls/" + firewallId)));

    // A deleted firewall takes no new server: refused before a server row or a job is recorded.
    int servers = count("server");
    int jobs = count("job");
    Map<String, Object> behindDeleted = new java.util.HashMap<>(launch("web-2"));
    behindDeleted.put("firewallIds", List.of(firewallId));
    Answer refused = console.post("/servers", behindDeleted);
    assertEquals(409, refused.status(), refused.body().toString());
    assertTrue(refused.error().contains("deleted"), refused.error());
    assertEquals(servers, count("server"), "no server row left pending");
    assertEquals(jobs, count("job"), "no job recorded");
  }

  @Test
  @Order(6)
  void refusalsSayWhy() throws Exception {
    long[] other = platform.newCustomer("globex");
    DispatcherClient stranger = console.as(other[0], other[1]);
    Answer foreign = stranger.post("/servers/" + serverId + "/stop", Map.of());
    assertEquals(404, foreign.status());
    assertEquals(404, stranger.get("/jobs/1").status());

    Answer wrongUser =
        console.as(customer, other[1]).post("/servers/" + serverId + "/stop", Map.of());
    assertEquals(403, wrongUser.status());
    assertEquals(
        400, console.as(customer, null).post("/servers/" + serverId + "/stop", Map.of()).status());
    assertEquals(400, console.as(null, user).get("/jobs/1").status());

    Answer badName = console.post("/servers", launch("-no spaces-"));
    assertEquals(400, badName.status(), badName.body().toString());
    assertEquals(
        "name '-no spaces-' is not allowed on this cloud: a name there is 1 to 64 letters, digits,"
            + " dots, dashes or underscores, beginning with a letter or a digit",
        badName.error());

    Answer malformed = console.send("POST", "/servers", "{\"regionId\": ");
    assertEquals(400, malformed.status());
    Answer unknownField = console.post("/servers", Map.of("regionId", regionId, "colour", "red"));
    assertEquals(400, unknownField.status());
    assertTrue(unknownField.error().contains("colour"), unknownField.error());
    assertEquals(
        413,
        console.send("POST", "/servers", "{\"name\":\"" + "x".repeat(70_000) + "\"}").status());
    assertEquals(404, console.get("/nowhere").status());

    Answer pinger =
        platform.client("pinger", customer, user).post("/servers/" + serverId + "/stop", Map.of());
    assertEquals(403, pinger.status());
    assertTrue(pinger.error().contains("pinger"), pinger.error());

    // The connector only asks for a certificate (an agent's first handshake comes without one):
    // a client without one reaches the access filter, which refuses it everything else.
    java.net.http.HttpClient noCertificate =
        java.net.http.HttpClient.newBuilder().sslContext(trustOnly()).build();
    java.net.http.HttpResponse<String> refused =
        noCertificate.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "https://127.0.0.1:" + platform.dispatcherPort() + "/jobs/1"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("certificate is required"), refused.body());
  }

  @Test
  @Order(7)
  void terminateEndsTheMachineAndAStoppedTerminatedServerIsAConflict() throws Exception {
    assertEquals("COMPLETE", run(console.delete("/servers/" + serverId)));
    assertEquals("terminated", state(serverId));
    Answer stop = console.post("/servers/" + serverId + "/stop", Map.of());
    assertEquals(409, stop.status());
    assertTrue(
        stop.error().endsWith("is terminated; it can be stopped only when running"), stop.error());
    long alive = platform.cloud().vmProcesses().stream().filter(ProcessHandle::isAlive).count();
    assertEquals(0, alive, "no VM process left running");
  }

  private Map<String, Object> launch(String name) {
    long image =
        platform
            .jdbc()
            .sql(
                "SELECT id FROM machine_image WHERE region_id = ? AND provider_image_id = 'img-http'")
            .param(regionId)
            .query(Long.class)
            .single();
    long product =
        platform
            .jdbc()
            .sql("SELECT MIN(id) FROM server_product WHERE region_id = ?")
            .param(regionId)
            .query(Long.class)
            .single();
    return Map.of("regionId", regionId, "imageId", image, "productId", product, "name", name);
  }

  private String run(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.body().toString());
    JsonNode job = console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
    return job.path("status").asText()
        + ("COMPLETE".equals(job.path("status").asText()) ? "" : ": " + job);
  }

  private String state(long server) {
    return column("server", server, "state");
  }

  private String column(String table, long id, String column) {
    return platform
        .jdbc()
        .sql("SELECT " + column + " FROM " + table + " WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private int count(String from) {
    return platform.jdbc().sql("SELECT COUNT(*) FROM " + from).query(Integer.class).single();
  }

  private javax.net.ssl.SSLContext trustOnly() throws Exception {
    javax.net.ssl.TrustManagerFactory trust =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(platform.km().tls("console").trustStore());
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
