package io.stratus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.Inventory;
import io.stratus.security.support.CloudWork;
import io.stratus.security.support.ConsoleSession;
import io.stratus.security.support.ConsoleSession.Page;
import io.stratus.security.support.SecurityPlatform;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two customers on one platform. Customer B's administrator, through its API key and its console
 * session, reaches for each kind of customer A's resources by id (servers, volumes, snapshots,
 * addresses, firewalls and rules, jobs, accounts, regions, users, groups, roles, API keys, the
 * customer itself), to read and to act. Every probe is refused as not found (404; 403 only where
 * that is the contract), none of A's names or addresses appears in an answer, and A's resources are
 * as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
  private static final String B = CloudWork.B;

  private final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final String marker = "tenanta" + run;
  private SecurityPlatform platform;
  private ApiFixture.Customer a;
  private ApiClient asA;
  private ApiClient asB;
  private ConsoleSession consoleB;
  private String aPassword;
  private String aEmail;
  private final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    platform = SecurityPlatform.start("tenants", Map.of());
    long cloudId = platform.console().defineLocalCloud();
    a = platform.api().newCustomer(marker);
    ApiFixture.Customer b = platform.api().newCustomer("tenantb" + run);
    asA = platform.apiClient(a);
    asB = platform.apiClient(b);

    CloudWork work = new CloudWork(asA);
    Map<String, String> cloud = platform.platform().cloud().credentials();
    long account =
        work.addAccount(
            cloudId, marker + "-account", cloud.get("accessKey"), cloud.get("secretKey"));
    ids.put("accountId", Long.toString(account));
    long region = work.region(account, "sim-1");
    ids.put("regionId", Long.toString(region));
    ids.put("dataCenterId", Long.toString(work.dataCenter(region)));
    long[] server = work.launch(marker + "-server", region, "img-http");
    ids.put("serverId", Long.toString(server[0]));
    ids.put("jobId", Long.toString(server[1]));
    ids.put("volumeId", Long.toString(work.addVolume(marker + "-volume", region)));
    ids.put(
        "snapshotId", Long.toString(work.snapshot(Long.parseLong(ids.get("volumeId")), marker)));
    ids.put("ipAddressId", Long.toString(work.requestAddress(region)));
    ids.put("firewallId", Long.toString(work.addFirewall(marker + "-firewall", region)));
    Inventory rows = Inventory.create(platform.api().jdbc(), a.id(), marker + "-rows");
    ids.put("firewallRuleId", Long.toString(rows.addOneOfEach(a.userId()).get("firewallRuleId")));
    ids.put("customerId", Long.toString(a.id()));
    aEmail = "owner@" + marker + ".example";
    aPassword = platform.console().newUser(a.id(), aEmail, "Administrator");
    ids.put("userId", Long.toString(a.userId()));
    Answer group =
        asA.post(
            B + "/admin/Group",
            Map.of("addGroup", List.of(Map.of("name", marker + "-group", "description", marker))));
    assertEquals(201, group.status(), group.raw());
    ids.put("groupId", group.body().path("groups").path(0).path("groupId").asText());
    ids.put("roleId", one("SELECT MIN(id) FROM role WHERE customer_id = ?"));
    ids.put("accessKey", a.accessKey());

    String bEmail = "owner@tenantb" + run + ".example";
    String bPassword = platform.console().newUser(b.id(), bEmail, "Administrator");
    consoleB = platform.consoleSession();
    assertTrue(ConsoleSession.admitted(consoleB.signIn(bEmail, bPassword)));
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private String one(String sql) {
    return Long.toString(jdbc().sql(sql).param(a.id()).query(Long.class).single());
  }

  private JdbcClient jdbc() {
    return platform.platform().jdbc();
  }

  /** method, path (with {id} names), body (null for none). */
  private static final List<String[]> API_PROBES =
      List.of(
          new String[] {"GET", "/infrastructure/Server/{serverId}", null},
          new String[] {"PUT", "/infrastructure/Server/{serverId}", "{\"stop\":[{}]}"},
          new String[] {"DELETE", "/infrastructure/Server/{serverId}", null},
          new String[] {"GET", "/infrastructure/Volume/{volumeId}", null},
          new String[] {
            "PUT",
            "/infrastructure/Volume/{volumeId}",
            "{\"attach\":[{\"server\":{\"serverId\":{serverId}},\"deviceId\":\"/dev/sdf\"}]}"
          },
          new String[] {"DELETE", "/infrastructure/Volume/{volumeId}", null},
          new String[] {"GET", "/infrastructure/Snapshot/{snapshotId}", null},
          new String[] {"DELETE", "/infrastructure/Snapshot/{snapshotId}", null},
          new String[] {"GET", "/network/IpAddress/{ipAddressId}", null},
          new String[] {
            "PUT",
            "/network/IpAddress/{ipAddressId}",
            "{\"assign\":[{\"server\":{\"serverId\":{serverId}}}]}"
          },
          new String[] {"DELETE", "/network/IpAddress/{ipAddressId}", null},
          new String[] {"GET", "/network/Firewall/{firewallId}", null},
          new String[] {"DELETE", "/network/Firewall/{firewallId}", null},
          new String[] {"GET", "/network/FirewallRule/{firewallRuleId}", null},
          new String[] {"DELETE", "/network/FirewallRule/{firewallRuleId}", null},
          new String[] {"GET", "/admin/Job/{jobId}", null},
          new String[] {"GET", "/admin/Account/{accountId}", null},
          new String[] {"GET", "/geography/Region/{regionId}", null},
          new String[] {"GET", "/geography/DataCenter/{dataCenterId}", null},
          new String[] {"GET", "/admin/Customer/{customerId}", null},
          new String[] {"GET", "/admin/User/{userId}", null},
          new String[] {"PUT", "/admin/User/{userId}", "{\"resetPassword\":[{}]}"},
          new String[] {
            "PUT", "/admin/User/{userId}", "{\"alterUser\":[{\"status\":\"DISABLED\"}]}"
          },
          new String[] {"GET", "/admin/Group/{groupId}", null},
          new String[] {
            "PUT", "/admin/Group/{groupId}", "{\"setRole\":[{\"role\":{\"roleId\":1}}]}"
          },
          new String[] {"DELETE", "/admin/Group/{groupId}", null},
          new String[] {"GET", "/admin/Role/{roleId}", null},
          new String[] {"DELETE", "/admin/Role/{roleId}", null},
          new String[] {"GET", "/admin/ApiKey/{accessKey}", null},
          new String[] {"DELETE", "/admin/ApiKey/{accessKey}", null},
          new String[] {"GET", "/infrastructure/Server?regionId={regionId}", null},
          new String[] {"GET", "/infrastructure/Volume?regionId={regionId}", null},
          new String[] {"GET", "/geography/DataCenter?regionId={regionId}", null},
          new String[] {"GET", "/geography/Region?accountId={accountId}", null});

  @Test
  void customerBsApiKeyGetsNotFoundForEveryOneOfAsResources() {
    List<String> wrong = new ArrayList<>();
    for (String[] probe : API_PROBES) {
      String path = B + fill(probe[1]);
      Answer answer = asB.send(probe[0], path, probe[2] == null ? null : fill(probe[2]), Map.of());
      String what = probe[0] + " " + path + ": " + answer.status() + " " + answer.raw();
      boolean listing = probe[1].contains("?");
      if (listing) {
        // A filter on another customer's parent: not found, or nothing listed.
        if (answer.status() != 404 && answer.status() != 200) {
          wrong.add(what);
        }
      } else if (answer.status() != 404) {
        wrong.add(what);
      }
      if (leaks(answer.raw())) {
        wrong.add("leaks A's data: " + what);
      }
    }
    assertEquals(List.of(), wrong, "customer B reached customer A through the API");
    assertAIsUntouched();
  }

  /** action, path, form fields (null for a GET). */
  private static final List<String[]> CONSOLE_PROBES =
      List.of(
          new String[] {"GET", "/servers/{serverId}"},
          new String[] {"POST", "/servers/{serverId}/stop"},
          new String[] {"POST", "/servers/{serverId}/terminate"},
          new String[] {"POST", "/volumes/{volumeId}/attach", "server", "{serverId}"},
          new String[] {"POST", "/volumes/{volumeId}/remove"},
          new String[] {"POST", "/snapshots/{snapshotId}/remove"},
          new String[] {"POST", "/ip-addresses/{ipAddressId}/assign", "server", "{serverId}"},
          new String[] {"POST", "/ip-addresses/{ipAddressId}/release"},
          new String[] {"GET", "/firewalls/{firewallId}"},
          new String[] {"POST", "/firewalls/{firewallId}/remove"},
          new String[] {"POST", "/firewalls/{firewallId}/rules/{firewallRuleId}/revoke"},
          new String[] {"GET", "/jobs/{jobId}"},
          new String[] {"GET", "/jobs/{jobId}/progress"},
          new String[] {"GET", "/accounts/{accountId}"},
          new String[] {"POST", "/accounts/{accountId}/test"},
          new String[] {"GET", "/people/users/{userId}"},
          new String[] {"POST", "/people/users/{userId}/password"},
          new String[] {"POST", "/people/users/{userId}/status", "status", "disabled"},
          new String[] {"POST", "/people/users/{userId}/roles", "role", "{roleId}"},
          new String[] {"GET", "/people/groups/{groupId}"},
          new String[] {"POST", "/people/groups/{groupId}/members", "user", "{userId}"},
          new String[] {"GET", "/people/roles/{roleId}"},
          new String[] {
            "POST",
            "/people/roles/{roleId}/rights",
            "resourceType",
            "server",
            "action",
            "read",
            "qualifier",
            "ANY"
          },
          new String[] {
            "POST", "/people/roles/{roleId}/rights/remove", "resourceType", "*", "action", "*"
          },
          new String[] {"POST", "/people/groups/{groupId}/roles", "role", "{roleId}"},
          new String[] {"POST", "/api-keys/{accessKey}/revoke"},
          new String[] {"POST", "/api-keys", "user", "{userId}", "name", "stolen"},
          new String[] {"GET", "/accounts/{accountId}/credentials"},
          new String[] {"POST", "/accounts/{accountId}/credentials", "field.secretKey", "stolen"},
          new String[] {"GET", "/accounts/{accountId}/remove"},
          new String[] {"POST", "/people/users/{userId}/name", "displayName", "stolen"},
          new String[] {"POST", "/people/groups/{groupId}/name", "name", "stolen"},
          new String[] {"POST", "/people/roles/{roleId}/name", "name", "stolen"},
          new String[] {"GET", "/people/users/{userId}/delete"},
          new String[] {"GET", "/people/groups/{groupId}/delete"},
          new String[] {"GET", "/people/roles/{roleId}/delete"},
          // Last: were isolation broken, these would take A's rows away from the probes above.
          new String[] {"POST", "/people/groups/{groupId}/delete", "confirmed", "yes"},
          new String[] {"POST", "/people/users/{userId}/delete", "confirmed", "yes"},
          new String[] {"POST", "/accounts/{accountId}/remove", "confirmed", "yes"});

  @Test
  void customerBsConsoleUserGetsNotFoundForEveryOneOfAsResources() {
    List<String> wrong = new ArrayList<>();
    for (String[] probe : CONSOLE_PROBES) {
      String path = fill(probe[1]);
      Page answer;
      if (probe[0].equals("GET")) {
        answer = consoleB.get(path);
      } else {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i + 1 < probe.length; i += 2) {
          fields.put(probe[i], fill(probe[i + 1]));
        }
        answer = consoleB.act(path, fields);
      }
      String what = probe[0] + " " + path + ": " + answer.status() + " " + answer.location();
      if (answer.status() != 404 && answer.status() != 403) {
        wrong.add(what);
      }
      if (leaks(answer.body())) {
        wrong.add("leaks A's data: " + what);
      }
    }
    assertEquals(List.of(), wrong, "customer B reached customer A through the console");
    assertAIsUntouched();
  }

  private void assertAIsUntouched() {
    assertEquals(200, asA.get(B + "/geography/Cloud").status(), "A's API key still signs");
    ConsoleSession session = platform.consoleSession();
    assertTrue(
        ConsoleSession.admitted(session.signIn(aEmail, aPassword)),
        "A's administrator still signs in with its password");
    assertEquals(
        "active",
        jdbc()
            .sql("SELECT status FROM user_account WHERE id = ?")
            .param(a.userId())
            .query(String.class)
            .single());
    assertEquals(
        "running",
        jdbc()
            .sql("SELECT state FROM server WHERE id = ?")
            .param(Long.parseLong(ids.get("serverId")))
            .query(String.class)
            .single(),
        "A's server runs on");
    for (String[] row :
        List.of(
            new String[] {"volume", "volumeId"},
            new String[] {"snapshot", "snapshotId"},
            new String[] {"ip_address", "ipAddressId"},
            new String[] {"firewall", "firewallId"},
            new String[] {"firewall_rule", "firewallRuleId"})) {
      assertEquals(
          1,
          jdbc()
              .sql("SELECT COUNT(*) FROM " + row[0] + " WHERE id = ? AND customer_id = ?")
              .params(Long.parseLong(ids.get(row[1])), a.id())
              .query(Integer.class)
              .single(),
          "A's " + row[0] + " is still there");
    }
  }

  private boolean leaks(String body) {
    return body != null
        && (body.contains(marker)
            || body.contains(aEmail)
            || body.contains("\"" + ids.get("accessKey") + "\"")
            || body.contains(">" + ids.get("accessKey") + "<"));
  }

  private String fill(String template) {
    String filled = template;
    for (var id : ids.entrySet()) {
      filled = filled.replace("{" + id.getKey() + "}", id.getValue());
    }
    if (filled.contains("{") && !filled.startsWith("{")) {
      throw new AssertionError("no id for " + template);
    }
    return filled;
  }
}
