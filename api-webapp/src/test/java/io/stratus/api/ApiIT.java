package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.auth.RequestSignature;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import io.stratus.api.web.OpenApiDocumentTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The public API end to end, over real parts: signed HTTPS requests → the API → MySQL for reads and
 * the Dispatcher (mutual TLS) for actions → RabbitMQ → the worker subscriber → the local cloud,
 * whose VMs are real processes. Customers are made with {@code stratus-admin customer create}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {
  private static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);

  private ApiFixture fixture;
  private Customer acme;
  private Customer globex;
  private ApiClient admin;
  private ApiClient stranger;
  private long cloudId;
  private long accountId;
  private long regionId;
  private long dataCenterId;
  private long imageId;
  private long productId;
  private long serverId;
  private long launchJobId;

  @BeforeAll
  void start() throws Exception {
    fixture = ApiFixture.withPlatform("api", ApiFixture.PROCESS_REGION);
    acme = fixture.newCustomer("acme");
    globex = fixture.newCustomer("globex");
    cloudId = fixture.platform().defineLocalCloud();
    admin = fixture.client(acme);
    stranger = fixture.client(globex);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void shouldListVersionsAndServeTheOpenApiDocumentUnsigned() {
    Answer versions = admin.raw("GET", Api.ROOT, null, Map.of("Accept", "application/json"));
    assertEquals(200, versions.status(), versions.raw());
    assertEquals("2013-03-13", versions.body().path("current").path("versionId").asText());
    Answer doc = admin.raw("GET", B + "/openapi.json", null, Map.of());
    assertEquals(200, doc.status());
    assertEquals("3.0.3", doc.body().path("openapi").asText());
  }

  @Test
  @Order(2)
  void shouldRefuseUnsignedSkewedReplayedAndMisattributedRequestsWith401() {
    String path = B + "/geography/Cloud";
    Answer ok = admin.get(path);
    assertEquals(200, ok.status(), ok.raw());

    Answer unsigned = admin.raw("GET", path, null, Map.of("Accept", "application/json"));
    assertEquals(401, unsigned.status());
    assertTrue(unsigned.error().contains("x-esauth-signature"), unsigned.raw());

    long old = System.currentTimeMillis() - Duration.ofMinutes(6).toMillis();
    Answer skewed =
        admin.raw(
            "GET",
            path,
            null,
            Map.of(
                RequestSignature.ACCESS_HEADER,
                acme.accessKey(),
                RequestSignature.TIMESTAMP_HEADER,
                Long.toString(old),
                RequestSignature.SIGNATURE_HEADER,
                RequestSignature.sign(acme.secretKey(), acme.accessKey(), "GET", path, old, "t"),
                "User-Agent",
                "t"));
    assertEquals(401, skewed.status());
    assertTrue(skewed.error().contains("clock"), skewed.raw());

    Map<String, String> once = admin.signature("GET", path);
    assertEquals(200, admin.raw("GET", path, null, once).status());
    Answer replay = admin.raw("GET", path, null, once);
    assertEquals(401, replay.status());
    assertTrue(replay.error().contains("replay"), replay.raw());

    Map<String, String> otherAgent = new HashMap<>(admin.signature("GET", path));
    otherAgent.put("User-Agent", "somebody-else/2.0");
    Answer agent = admin.raw("GET", path, null, otherAgent);
    assertEquals(401, agent.status());
    assertTrue(agent.error().contains("signature does not match"), agent.raw());

    Answer otherPath =
        admin.raw("GET", B + "/geography/Region", null, admin.signature("GET", path));
    assertEquals(401, otherPath.status());

    Answer unknown = admin.as("NOSUCHKEYNOSUCHKEY00", acme.secretKey()).get(path);
    assertEquals(401, unknown.status());
    assertTrue(unknown.error().contains("unknown access key"), unknown.raw());

    Answer wrongSecret = admin.as(acme.accessKey(), "x".repeat(40)).get(path);
    assertEquals(401, wrongSecret.status());
    assertFalse(wrongSecret.raw().contains(acme.secretKey()));

    Answer xml = admin.send("GET", path, null, Map.of("Accept", "application/xml"));
    assertEquals(406, xml.status());
  }

  @Test
  @Order(3)
  void shouldShowAGeneratedSecretOnceAndRefuseRevokedOrExpiredKeys() {
    Answer created =
        admin.post(B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of("name", "ci"))));
    assertEquals(201, created.status(), created.raw());
    JsonNode key = created.body().path("apiKeys").path(0);
    String access = key.path("accessKey").asText();
    String secret = key.path("secretKey").asText();
    assertEquals(40, secret.length());
    ApiClient ci = admin.as(access, secret);
    assertEquals(200, ci.get(B + "/geography/Cloud").status());

    Answer listed = admin.get(B + "/admin/ApiKey");
    assertEquals(200, listed.status());
    assertTrue(listed.raw().contains(access));
    assertFalse(listed.raw().contains(secret), "a secret in a listing");
    assertFalse(listed.raw().contains("secretKey"), "a secret field in a listing");
    assertFalse(listed.raw().contains(acme.secretKey()));
    String stored =
        fixture
            .jdbc()
            .sql("SELECT CAST(secret_ciphertext AS CHAR) FROM api_key WHERE access_key = ?")
            .param(access)
            .query(String.class)
            .single();
    assertFalse(stored.contains(secret), "the secret in the clear in the database");

    assertEquals(404, stranger.delete(B + "/admin/ApiKey/" + access).status());
    assertEquals(204, admin.delete(B + "/admin/ApiKey/" + access).status());
    Answer revoked = ci.get(B + "/geography/Cloud");
    assertEquals(401, revoked.status());
    assertTrue(revoked.error().contains("revoked"), revoked.raw());

    Answer other =
        admin.post(B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of("name", "old"))));
    JsonNode otherKey = other.body().path("apiKeys").path(0);
    fixture
        .jdbc()
        .sql("UPDATE api_key SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE access_key = ?")
        .param(otherKey.path("accessKey").asText())
        .update();
    Answer expired =
        admin
            .as(otherKey.path("accessKey").asText(), otherKey.path("secretKey").asText())
            .get(B + "/geography/Cloud");
    assertEquals(401, expired.status());
    assertTrue(expired.error().contains("expired"), expired.raw());
  }

  @Test
  @Order(4)
  void shouldRegisterAnAccountAndListItsRegionsThroughTheDispatcher() throws Exception {
    Map<String, String> credentials = fixture.platform().cloud().credentials();
    Answer accepted =
        admin.post(
            B + "/admin/Account",
            Map.of(
                "addAccount",
                List.of(
                    Map.of(
                        "name",
                        "local",
                        "cloud",
                        Map.of("cloudId", cloudId),
                        "credentials",
                        Map.of(
                            "accessKey", credentials.get("accessKey"),
                            "secretKey", credentials.get("secretKey"))))));
    assertEquals(202, accepted.status(), accepted.raw());
    assertEquals("RUNNING", accepted.body().path("jobs").path(0).path("status").asText());
    JsonNode job = admin.awaitJob(accepted.jobId(), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    accountId = Long.parseLong(job.path("message").asText());

    JsonNode account = admin.get(B + "/admin/Account/" + accountId).body().path("accounts").path(0);
    assertEquals("ACTIVE", account.path("status").asText(), account.toString());
    assertFalse(account.toString().contains(credentials.get("secretKey")));

    Answer regions = admin.get(B + "/geography/Region?accountId=" + accountId);
    assertEquals(200, regions.status(), regions.raw());
    JsonNode region = regions.body().path("regions").path(0);
    assertEquals("local-1", region.path("providerId").asText(), regions.raw());
    regionId = region.path("regionId").asLong();

    dataCenterId =
        admin
            .get(B + "/geography/DataCenter?regionId=" + regionId)
            .body()
            .path("dataCenters")
            .path(0)
            .path("dataCenterId")
            .asLong();
    assertTrue(dataCenterId > 0);
    for (JsonNode image :
        admin.get(B + "/infrastructure/MachineImage?regionId=" + regionId).body().path("images")) {
      if ("img-http".equals(image.path("providerId").asText())) {
        imageId = image.path("machineImageId").asLong();
      }
    }
    assertTrue(imageId > 0, "the local cloud's img-http image is listed");
    productId =
        admin
            .get(B + "/infrastructure/ServerProduct?regionId=" + regionId)
            .body()
            .path("serverProducts")
            .path(0)
            .path("productId")
            .asLong();
    assertTrue(productId > 0);
  }

  @Test
  @Order(5)
  void shouldLaunchStopAndTerminateAServerFollowingEachJob() throws Exception {
    Answer launched =
        admin.post(
            B + "/infrastructure/Server",
            Map.of(
                "launch",
                List.of(
                    Map.of(
                        "name", "web-1",
                        "machineImage", Map.of("machineImageId", imageId),
                        "product", Map.of("productId", productId),
                        "dataCenter", Map.of("dataCenterId", dataCenterId)))));
    assertEquals(202, launched.status(), launched.raw());
    launchJobId = launched.jobId();
    JsonNode job = admin.awaitJob(launchJobId, JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    serverId = Long.parseLong(job.path("message").asText());

    JsonNode server = server(admin, serverId);
    assertEquals("RUNNING", server.path("currentState").asText(), server.toString());
    assertEquals(acme.userId(), server.path("owningUser").path("userId").asLong());
    assertTrue(listedIds(admin).contains(serverId));

    Answer stopped =
        admin.put(B + "/infrastructure/Server/" + serverId, Map.of("stop", List.of(Map.of())));
    assertEquals(202, stopped.status(), stopped.raw());
    assertEquals("COMPLETE", admin.awaitJob(stopped.jobId(), JOB_LIMIT).path("status").asText());
    assertEquals("PAUSED", server(admin, serverId).path("currentState").asText());

    Answer again =
        admin.put(B + "/infrastructure/Server/" + serverId, Map.of("stop", List.of(Map.of())));
    assertEquals(409, again.status(), again.raw());
    assertFalse(again.error().isEmpty());

    Answer terminated = admin.delete(B + "/infrastructure/Server/" + serverId);
    assertEquals(202, terminated.status(), terminated.raw());
    assertEquals("COMPLETE", admin.awaitJob(terminated.jobId(), JOB_LIMIT).path("status").asText());
    assertEquals("TERMINATED", server(admin, serverId).path("currentState").asText());

    JsonNode none =
        admin
            .send(
                "GET",
                B + "/infrastructure/Server/" + serverId,
                null,
                Map.of("x-es-details", "none"))
            .body()
            .path("servers")
            .path(0);
    assertEquals(1, none.size(), none.toString());
    JsonNode extended =
        admin
            .send(
                "GET",
                B + "/infrastructure/Server/" + serverId,
                null,
                Map.of("x-es-details", "extended"))
            .body()
            .path("servers")
            .path(0);
    assertEquals("local-1", extended.path("region").path("name").asText(), extended.toString());
  }

  @Test
  @Order(6)
  void shouldAnswerAnotherCustomersIdsWith404() {
    for (String path :
        List.of(
            "/infrastructure/Server/" + serverId,
            "/admin/Job/" + launchJobId,
            "/admin/Account/" + accountId,
            "/geography/Region/" + regionId,
            "/geography/DataCenter/" + dataCenterId,
            "/infrastructure/MachineImage/" + imageId,
            "/infrastructure/ServerProduct/" + productId,
            "/admin/ApiKey/" + acme.accessKey())) {
      Answer answer = stranger.get(B + path);
      assertEquals(404, answer.status(), path + ": " + answer.raw());
    }
    assertEquals(
        404,
        stranger
            .put(B + "/infrastructure/Server/" + serverId, Map.of("start", List.of(Map.of())))
            .status());
    assertEquals(404, stranger.delete(B + "/infrastructure/Server/" + serverId).status());
    assertFalse(listedIds(stranger).contains(serverId));
    assertEquals(0, stranger.get(B + "/geography/Region").body().path("regions").size());
    assertFalse(stranger.get(B + "/admin/ApiKey").raw().contains(acme.accessKey()));
  }

  @Test
  @Order(7)
  void shouldEnforceEachRightsQualifier() {
    var jdbc = fixture.jdbc();
    long customer = acme.id();
    long bob = user(customer, "bob");
    long carol = user(customer, "carol");
    long dave = user(customer, "dave");
    jdbc.sql("INSERT INTO user_group (customer_id, name) VALUES (?, 'ops')")
        .param(customer)
        .update();
    long ops =
        jdbc.sql("SELECT id FROM user_group WHERE customer_id = ? AND name = 'ops'")
            .param(customer)
            .query(Long.class)
            .single();
    jdbc.sql("INSERT INTO group_member (customer_id, group_id, user_id) VALUES (?, ?, ?)")
        .params(customer, ops, carol)
        .update();
    // bob: reads and stops his own servers, may launch; carol (through her group's role): reads
    // her group's servers; dave: no server rights at all.
    long operator =
        role(
            customer,
            "operator",
            List.of("server/read/MINE", "server/launch/ANY", "server/stop/MINE", "job/read/MINE"));
    long viewer = role(customer, "viewer", List.of("server/read/GROUP"));
    jdbc.sql("INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)")
        .params(customer, bob, operator)
        .update();
    jdbc.sql("INSERT INTO group_role (customer_id, group_id, role_id) VALUES (?, ?, ?)")
        .params(customer, ops, viewer)
        .update();
    Inventory records = Inventory.create(jdbc, customer, "records");
    records.addServers(1, "bob", bob, null);
    records.addServers(1, "ops", dave, ops);
    records.addServers(1, "admin", acme.userId(), null);
    long bobs = records.serverId("bob-0");
    long groups = records.serverId("ops-0");
    long admins = records.serverId("admin-0");

    ApiClient asBob = keyFor(bob);
    ApiClient asCarol = keyFor(carol);
    ApiClient asDave = keyFor(dave);

    Set<Long> bobSees = listedIds(asBob);
    assertTrue(bobSees.contains(bobs));
    assertFalse(bobSees.contains(admins));
    assertFalse(bobSees.contains(groups));
    assertEquals(200, asBob.get(B + "/infrastructure/Server/" + bobs).status());
    assertEquals(403, asBob.get(B + "/infrastructure/Server/" + admins).status());
    Answer stopOthers =
        asBob.put(B + "/infrastructure/Server/" + admins, Map.of("stop", List.of(Map.of())));
    assertEquals(403, stopOthers.status(), stopOthers.raw());
    Answer stopOwn =
        asBob.put(B + "/infrastructure/Server/" + bobs, Map.of("stop", List.of(Map.of())));
    // Allowed by his rights; the Dispatcher then refuses it (the account is not active).
    assertNotEquals(403, stopOwn.status(), stopOwn.raw());
    assertEquals(403, asBob.delete(B + "/infrastructure/Server/" + bobs).status());
    assertEquals(403, asBob.get(B + "/geography/Region").status());
    long bobsJob = job(customer, bob);
    long adminsJob = job(customer, acme.userId());
    long platformsJob = job(customer, null);
    Answer bobsJobs = asBob.get(B + "/admin/Job");
    assertEquals(200, bobsJobs.status(), bobsJobs.raw());
    Set<Long> jobsBobSees = new HashSet<>();
    bobsJobs.body().path("jobs").forEach(j -> jobsBobSees.add(j.path("jobId").asLong()));
    assertTrue(jobsBobSees.contains(bobsJob), jobsBobSees.toString());
    assertFalse(jobsBobSees.contains(adminsJob), "a MINE right lists only one's own jobs");
    assertFalse(jobsBobSees.contains(platformsJob), "nor the platform's own");
    assertEquals(200, asBob.get(B + "/admin/Job/" + bobsJob).status());
    assertEquals(403, asBob.get(B + "/admin/Job/" + adminsJob).status());
    assertEquals(403, asBob.get(B + "/admin/Job/" + platformsJob).status());
    assertEquals(200, admin.get(B + "/admin/Job/" + platformsJob).status(), "ANY reads all");

    Set<Long> carolSees = listedIds(asCarol);
    assertEquals(Set.of(groups), carolSees);
    assertEquals(200, asCarol.get(B + "/infrastructure/Server/" + groups).status());
    assertEquals(403, asCarol.get(B + "/infrastructure/Server/" + bobs).status());
    assertEquals(
        403,
        asCarol
            .put(B + "/infrastructure/Server/" + groups, Map.of("stop", List.of(Map.of())))
            .status());

    assertEquals(403, asDave.get(B + "/infrastructure/Server").status());
    assertEquals(403, asDave.get(B + "/infrastructure/Server/" + groups).status());
    // Everyone may still see only their own keys with no api_key right at all: none here.
    assertEquals(403, asDave.get(B + "/admin/ApiKey").status());
  }

  @Test
  @Order(8)
  void shouldPageAThousandServersListingEachExactlyOnce() {
    Inventory many = Inventory.create(fixture.jdbc(), globex.id(), "many");
    many.addServers(1000, "many", globex.userId(), null);
    List<Long> seen = new ArrayList<>();
    Answer page = stranger.get(B + "/infrastructure/Server");
    assertEquals(200, page.status(), page.raw());
    String paginationId = page.header("x-es-pagination");
    assertNotNull(paginationId);
    // Rows added while paging belong to a later listing, not this one.
    many.addServers(5, "late", globex.userId(), null);
    int pages = 1;
    while (true) {
      page.body().path("servers").forEach(s -> seen.add(s.path("serverId").asLong()));
      if ("true".equals(page.header("x-es-last-page"))) {
        break;
      }
      pages++;
      page =
          stranger.get(
              B
                  + "/infrastructure/Server?requestPaginationId="
                  + paginationId
                  + "&requestPage="
                  + pages);
      assertEquals(200, page.status(), page.raw());
      assertEquals(paginationId, page.header("x-es-pagination"));
    }
    assertEquals(1000, seen.size());
    assertEquals(1000, new HashSet<>(seen).size(), "a server listed twice");
    assertEquals(4, pages, "1000 servers at 250 a page");
    Answer beyond =
        stranger.get(
            B + "/infrastructure/Server?requestPaginationId=" + paginationId + "&requestPage=9");
    assertEquals(200, beyond.status());
    assertEquals(0, beyond.body().path("servers").size());
  }

  @Test
  @Order(9)
  void shouldAnswerEveryDocumentedOperation() throws Exception {
    Answer spare =
        admin.post(B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of("name", "spare"))));
    Map<String, String> ids = new HashMap<>();
    ids.put("cloudId", Long.toString(cloudId));
    ids.put("regionId", Long.toString(regionId));
    ids.put("dataCenterId", Long.toString(dataCenterId));
    ids.put("accountId", Long.toString(accountId));
    ids.put("jobId", Long.toString(launchJobId));
    ids.put("accessKey", spare.body().path("apiKeys").path(0).path("accessKey").asText());
    ids.put("serverId", Long.toString(serverId));
    ids.put("machineImageId", Long.toString(imageId));
    ids.put("productId", Long.toString(productId));
    Inventory storage = Inventory.create(fixture.jdbc(), acme.id(), "storage");
    storage.addOneOfEach(acme.userId()).forEach((name, id) -> ids.put(name, Long.toString(id)));
    ids.put("customerId", Long.toString(acme.id()));
    ids.put("userId", Long.toString(acme.userId()));
    ids.put(
        "groupId",
        Long.toString(
            fixture
                .jdbc()
                .sql("SELECT MIN(id) FROM user_group WHERE customer_id = ?")
                .param(acme.id())
                .query(Long.class)
                .single()));
    ids.put(
        "roleId",
        Long.toString(
            fixture
                .jdbc()
                .sql("SELECT MIN(id) FROM role WHERE customer_id = ?")
                .param(acme.id())
                .query(Long.class)
                .single()));
    for (String path :
        List.of(
            "/admin/Customer/" + ids.get("customerId"),
            "/admin/User/" + ids.get("userId"),
            "/admin/Group/" + ids.get("groupId"),
            "/admin/Role/" + ids.get("roleId"))) {
      assertEquals(200, admin.get(B + path).status(), path);
      assertEquals(404, stranger.get(B + path).status(), "another customer's " + path);
    }
    JsonNode roles = admin.get(B + "/admin/Role").body().path("roles");
    assertEquals("*", roles.path(0).path("rights").path(0).path("resourceType").asText());
    assertFalse(admin.get(B + "/admin/User").raw().contains("password"));
    for (String path :
        List.of(
            "/infrastructure/Volume/" + ids.get("volumeId"),
            "/infrastructure/Snapshot/" + ids.get("snapshotId"),
            "/network/IpAddress/" + ids.get("ipAddressId"),
            "/network/Firewall/" + ids.get("firewallId"),
            "/network/FirewallRule/" + ids.get("firewallRuleId"))) {
      assertEquals(200, admin.get(B + path).status(), path);
      assertEquals(404, stranger.get(B + path).status(), "another customer's " + path);
      assertEquals(404, stranger.delete(B + path).status(), "another customer's " + path);
    }
    JsonNode doc = admin.raw("GET", B + "/openapi.json", null, Map.of()).body();
    int checked = 0;
    for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
      for (var method : (Iterable<String>) path.getValue()::fieldNames) {
        String concrete = path.getKey();
        for (var id : ids.entrySet()) {
          concrete = concrete.replace("{" + id.getKey() + "}", id.getValue());
        }
        assertFalse(concrete.contains("{"), "no id for " + path.getKey());
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        Answer answer = admin.send(verb, concrete, verb.equals("GET") ? null : "{}", Map.of());
        assertNotEquals(404, answer.status(), verb + " " + concrete + ": " + answer.raw());
        assertTrue(answer.status() < 500, verb + " " + concrete + ": " + answer.raw());
        if (verb.equals("GET")) {
          assertEquals(200, answer.status(), verb + " " + concrete + ": " + answer.raw());
        }
        checked++;
      }
    }
    assertEquals(OpenApiDocumentTest.documented().size(), checked);
  }

  @Test
  @Order(10)
  void shouldAnswerThousandsOfMalformedRequestsWith4xxNever5xx() {
    Random random = new Random(42);
    List<String> resources =
        List.of(
            "/infrastructure/Server",
            "/infrastructure/MachineImage",
            "/infrastructure/ServerProduct",
            "/geography/Region",
            "/geography/DataCenter",
            "/geography/Cloud",
            "/admin/Account",
            "/admin/Job",
            "/admin/ApiKey",
            "/admin/Nothing",
            "/infrastructure/Volume",
            "/infrastructure/Snapshot",
            "/network/IpAddress",
            "/network/Firewall",
            "/network/FirewallRule");
    List<String> ids =
        List.of(
            "-1",
            "0",
            "abc",
            "99999999999999999999",
            "1.5",
            "%00",
            "%2e%2e",
            "%FF%FE",
            "1%20OR%201=1",
            "'",
            "%22",
            "9223372036854775807",
            "1e9",
            "%E2%98%83",
            "x".repeat(300));
    List<String> queries =
        List.of(
            "?requestPage=abc",
            "?requestPage=0",
            "?requestPaginationId=zz&requestPage=2",
            "?requestPage=2",
            "?requestPage=%00",
            "?requestPaginationId=-5&requestPage=1",
            "?requestPaginationId=P&requestPage=1",
            "?requestPaginationId=P" + "Z".repeat(20) + "&requestPage=1");
    List<Object> bodies =
        List.of(
            "{",
            "[]",
            "null",
            "\"text\"",
            "{\"launch\":{}}",
            "{\"launch\":[]}",
            "{\"launch\":[1]}",
            "{\"launch\":[{\"machineImage\":{\"machineImageId\":\"x\"}}]}",
            "{\"launch\":[{\"name\":5,\"machineImage\":{\"machineImageId\":1},\"product\":{\"productId\":1}}]}",
            "{\"launch\":[{},{}]}",
            "{\"start\":5}",
            "{\"explode\":[{}]}",
            "{\"start\":[{}],\"stop\":[{}]}",
            "{\"addAccount\":[{\"cloud\":{\"cloudId\":-1}}]}",
            "{\"addAccount\":[{\"name\":\"n\",\"cloudId\":1,\"credentials\":[1]}]}",
            "{\"generateApiKey\":[{\"expiration\":\"yesterday\"}]}",
            "{\"generateApiKey\":[{\"expiration\":1}]}",
            "{\"generateApiKey\":[{\"user\":{\"userId\":999999999}}]}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":1,\"a\":2}",
            "[".repeat(5000),
            "\u0000\u0001\u0002",
            new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'},
            "{\"launch\":[{\"name\":\"" + "n".repeat(70_000) + "\"}]}");
    List<Map<String, String>> headerSets =
        List.of(
            Map.of(),
            Map.of("x-es-details", "everything"),
            Map.of("Accept", "application/xml"),
            Map.of(RequestSignature.TIMESTAMP_HEADER, "yesterday"),
            Map.of(RequestSignature.TIMESTAMP_HEADER, "99999999999999999999"),
            Map.of(RequestSignature.SIGNATURE_HEADER, "not base64 at all!"),
            Map.of(RequestSignature.ACCESS_HEADER, "short"),
            Map.of(RequestSignature.ACCESS_HEADER, "A".repeat(300)));
    List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    List<String> paged = List.of("/infrastructure/Server", "/admin/Job");
    Map<Integer, Integer> statuses = new LinkedHashMap<>();
    int requests = 2500;
    // Every request carries at least one fault of a kind that applies to it: a bad id in the path,
    // a
    // bad header, a bad body where one is read, or bad paging where a list pages.
    for (int i = 0; i < requests; i++) {
      String method = methods.get(random.nextInt(methods.size()));
      String path = B + resources.get(random.nextInt(resources.size()));
      Object body = null;
      Map<String, String> headers = Map.of();
      int fault = random.nextInt(4);
      switch (fault) {
        case 0 -> path += "/" + ids.get(random.nextInt(ids.size()));
        case 1 -> headers = headerSets.get(1 + random.nextInt(headerSets.size() - 1));
        case 2 -> {
          method = random.nextBoolean() ? "POST" : "PUT";
          path =
              B
                  + (method.equals("PUT")
                      ? "/infrastructure/Server/" + serverId
                      : resources.get(random.nextInt(resources.size())));
          body = bodies.get(random.nextInt(bodies.size()));
        }
        default -> {
          method = "GET";
          path =
              B
                  + paged.get(random.nextInt(paged.size()))
                  + queries.get(random.nextInt(queries.size()));
        }
      }
      if (body == null && !method.equals("GET") && random.nextBoolean()) {
        body = bodies.get(random.nextInt(bodies.size()));
      }
      Answer answer = admin.send(method, path, body, headers);
      statuses.merge(answer.status(), 1, Integer::sum);
      assertTrue(
          answer.status() >= 400 && answer.status() < 500,
          method + " " + path + " " + headers + " → " + answer.status() + " " + answer.raw());
      // Tomcat itself refuses some paths (a NUL, an encoded dot segment) before the application
      // sees them, with its own 400 page; everything the application answers has a JSON message.
      boolean fromTomcat = answer.raw().startsWith("<!doctype html>") && answer.status() == 400;
      if (!fromTomcat) {
        assertFalse(answer.error().isEmpty(), "an error without a message: " + answer.raw());
      }
      assertFalse(answer.raw().contains("Exception"), answer.raw());
    }
    assertTrue(statuses.keySet().size() > 3, statuses.toString());
  }

  @Test
  @Order(11)
  void shouldCreateAUserWithTheAdminCommandWhoseKeysThenSign() {
    ApiFixture.AdminRun created =
        fixture.admin(
            "user",
            "create",
            "--customer",
            Long.toString(acme.id()),
            "--email",
            "erin@acme.example");
    assertEquals(0, created.code(), created.err());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("User (\\d+) ").matcher(created.out());
    assertTrue(m.find(), created.out());
    ApiClient erin = keyFor(Long.parseLong(m.group(1)));
    assertEquals(200, erin.get(B + "/infrastructure/Server").status());

    ApiFixture.AdminRun noRole =
        fixture.admin(
            "user",
            "create",
            "--customer",
            Long.toString(acme.id()),
            "--email",
            "frank@acme.example",
            "--role",
            "Nobody");
    assertEquals(2, noRole.code());
    assertTrue(noRole.err().contains("no role"), noRole.err());
    ApiFixture.AdminRun twice =
        fixture.admin("customer", "create", "--name", "acme", "--email", "x@y.z");
    assertEquals(2, twice.code());
    assertTrue(twice.err().contains("already exists"), twice.err());
  }

  private long user(long customer, String name) {
    fixture
        .jdbc()
        .sql("INSERT INTO user_account (customer_id, email, display_name) VALUES (?, ?, ?)")
        .params(customer, name + "@acme.example", name)
        .update();
    return fixture
        .jdbc()
        .sql("SELECT id FROM user_account WHERE email = ?")
        .param(name + "@acme.example")
        .query(Long.class)
        .single();
  }

  /** A finished job of {@code userId} (null: the platform's own work). */
  private long job(long customer, Long userId) {
    var jdbc = fixture.jdbc();
    jdbc.sql(
            "INSERT INTO job (customer_id, user_id, action, status, progress)"
                + " VALUES (?, ?, 'server.stop', 'COMPLETE', 100)")
        .params(customer, userId)
        .update();
    return jdbc.sql("SELECT MAX(id) FROM job WHERE customer_id = ?")
        .param(customer)
        .query(Long.class)
        .single();
  }

  /** A role with rights written "resource/action/QUALIFIER". */
  private long role(long customer, String name, List<String> rights) {
    var jdbc = fixture.jdbc();
    jdbc.sql("INSERT INTO role (customer_id, name) VALUES (?, ?)").params(customer, name).update();
    long role =
        jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
            .params(customer, name)
            .query(Long.class)
            .single();
    for (String right : rights) {
      String[] p = right.split("/");
      jdbc.sql(
              "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(customer, role, p[0], p[1], p[2])
          .update();
    }
    return role;
  }

  /** An API key for a user of acme, made by acme's administrator through the API. */
  private ApiClient keyFor(long userId) {
    Answer created =
        admin.post(
            B + "/admin/ApiKey",
            Map.of("generateApiKey", List.of(Map.of("user", Map.of("userId", userId)))));
    assertEquals(201, created.status(), created.raw());
    JsonNode key = created.body().path("apiKeys").path(0);
    return admin.as(key.path("accessKey").asText(), key.path("secretKey").asText());
  }

  private static JsonNode server(ApiClient client, long id) {
    Answer answer = client.get(B + "/infrastructure/Server/" + id);
    assertEquals(200, answer.status(), answer.raw());
    return answer.body().path("servers").path(0);
  }

  private static Set<Long> listedIds(ApiClient client) {
    Set<Long> ids = new HashSet<>();
    Answer page = client.get(B + "/infrastructure/Server");
    assertEquals(200, page.status(), page.raw());
    String id = page.header("x-es-pagination");
    int n = 1;
    while (true) {
      page.body().path("servers").forEach(s -> ids.add(s.path("serverId").asLong()));
      if (!"false".equals(page.header("x-es-last-page"))) {
        return ids;
      }
      n++;
      page =
          client.get(B + "/infrastructure/Server?requestPaginationId=" + id + "&requestPage=" + n);
    }
  }
}
