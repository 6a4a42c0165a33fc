package io.stratus.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer holding at least one of everything Stratus serves, made through the API as Stratus'
 * own clients make it: a cloud account on the local cloud, two servers, two volumes (one with a
 * snapshot), a firewall with a rule, an IP address, two groups (one with a role and a member), an
 * extra user, two roles and an extra API key. {@link #placeholders} names each id for tables that
 * refer to them ({@code ${server}}, {@code ${volume}}, ...).
 */
public final class SeededCustomer {
  private static final String B = Api.BASE;
  private final ApiClient admin;
  private final Duration limit;
  private final Map<String, String> ids = new LinkedHashMap<>();

  private SeededCustomer(ApiClient admin, Duration limit) {
    this.admin = admin;
    this.limit = limit;
  }

  /** Registers the local cloud for {@code admin}'s customer and makes one of everything. */
  public static SeededCustomer seed(ApiFixture fixture, ApiClient admin, Duration limit)
      throws IOException, InterruptedException {
    SeededCustomer seeded = new SeededCustomer(admin, limit);
    LocalAccount local = LocalAccount.register(fixture, admin, "img-http", limit);
    seeded.put("account", local.accountId());
    seeded.put("region", local.regionId());
    seeded.put("dataCenter", local.dataCenterId());
    seeded.put("image", local.imageId());
    seeded.put("product", local.productId());
    seeded.put(
        "cloud",
        fixture
            .jdbc()
            .sql("SELECT cloud_id FROM cloud_account WHERE id = ?")
            .param(local.accountId())
            .query(Long.class)
            .single());
    seeded.put(
        "customer",
        fixture
            .jdbc()
            .sql("SELECT customer_id FROM cloud_account WHERE id = ?")
            .param(local.accountId())
            .query(Long.class)
            .single());
    seeded.put("server", local.launch(admin, "seeded-server", limit));
    seeded.put("doomedServer", local.launch(admin, "doomed-server", limit));
    seeded.seedStorage();
    seeded.seedNetwork();
    seeded.seedPeople();
    seeded.put("job", fixture.jdbc().sql("SELECT MAX(id) FROM job").query(Long.class).single());
    return seeded;
  }

  /** Each seeded id (and the extra user's e-mail address and API key) by name. */
  public Map<String, String> placeholders() {
    return Map.copyOf(ids);
  }

  /** The id named {@code name}. */
  public long id(String name) {
    return Long.parseLong(ids.get(name));
  }

  private void seedStorage() throws InterruptedException {
    long region = id("region");
    put(
        "volume",
        job(
            post(
                "/infrastructure/Volume",
                "addVolume",
                Map.of(
                    "name",
                    "seeded-volume",
                    "sizeInGb",
                    2,
                    "region",
                    Map.of("regionId", region)))));
    put(
        "doomedVolume",
        job(
            post(
                "/infrastructure/Volume",
                "addVolume",
                Map.of(
                    "name",
                    "doomed-volume",
                    "sizeInGb",
                    1,
                    "region",
                    Map.of("regionId", region)))));
    put(
        "snapshot",
        job(
            post(
                "/infrastructure/Snapshot",
                "createSnapshot",
                Map.of("volume", Map.of("volumeId", id("volume")), "name", "seeded-snapshot"))));
  }

  private void seedNetwork() throws InterruptedException {
    long region = id("region");
    put(
        "firewall",
        job(
            post(
                "/network/Firewall",
                "addFirewall",
                Map.of(
                    "name",
                    "seeded-firewall",
                    "description",
                    "seeded",
                    "region",
                    Map.of("regionId", region)))));
    job(
        post(
            "/network/FirewallRule",
            "addRule",
            Map.of(
                "firewall",
                Map.of("firewallId", id("firewall")),
                "protocol",
                "TCP",
                "startPort",
                443,
                "endPort",
                443,
                "sourceCidr",
                "203.0.113.0/24",
                "direction",
                "INGRESS")));
    put(
        "ipAddress",
        job(
            post(
                "/network/IpAddress",
                "requestAddress",
                Map.of("region", Map.of("regionId", region)))));
  }

  private void seedPeople() {
    put(
        "role",
        created(
            post(
                "/admin/Role",
                "addRole",
                Map.of(
                    "name",
                    "seeded-role",
                    "description",
                    "seeded",
                    "acl",
                    List.of(
                        Map.of("resourceType", "server", "action", "read", "qualifier", "ANY")))),
            "roles",
            "roleId"));
    put(
        "spareRole",
        created(
            post("/admin/Role", "addRole", Map.of("name", "spare-role", "description", "spare")),
            "roles",
            "roleId"));
    put(
        "group",
        created(
            post(
                "/admin/Group",
                "addGroup",
                Map.of("name", "seeded-group", "description", "seeded")),
            "groups",
            "groupId"));
    put(
        "doomedGroup",
        created(
            post(
                "/admin/Group",
                "addGroup",
                Map.of("name", "doomed-group", "description", "to be removed")),
            "groups",
            "groupId"));
    ids.put("email", "seeded-user@seeded.example");
    put(
        "user",
        created(
            post(
                "/admin/User",
                "addUser",
                Map.of(
                    "email",
                    ids.get("email"),
                    "givenName",
                    "Seeded",
                    "familyName",
                    "User",
                    "groups",
                    List.of(Map.of("groupId", id("group"))))),
            "users",
            "userId"));
    Answer role =
        admin.put(
            B + "/admin/Group/" + id("group"),
            Map.of("setRole", List.of(Map.of("role", Map.of("roleId", id("role"))))));
    assertEquals(204, role.status(), role.raw());
    Answer key =
        admin.post(
            B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of("name", "seeded-key"))));
    assertEquals(201, key.status(), key.raw());
    ids.put("apiKey", key.body().path("apiKeys").path(0).path("accessKey").asText());
  }

  private Answer post(String path, String action, Map<String, Object> element) {
    return admin.post(B + path, Map.of(action, List.of(element)));
  }

  private long job(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.raw());
    JsonNode job = admin.awaitJob(accepted.jobId(), limit);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    return Long.parseLong(job.path("message").asText());
  }

  private static long created(Answer answer, String collection, String id) {
    assertEquals(201, answer.status(), answer.raw());
    return answer.body().path(collection).path(0).path(id).asLong();
  }

  private void put(String name, long id) {
    ids.put(name, Long.toString(id));
  }
}
