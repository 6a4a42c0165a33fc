package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
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
 * The request shapes enStratus clients send for actions, over the whole platform, each carried out
 * to its job's end: an account registered with {@code cloudSubscription} and its credentials
 * replaced with {@code assignCloud}, a launch naming the cloud's product id, a volume given only a
 * data centre, a firewall rule with a flat {@code firewallId} and mixcoatl's source form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DialectActionsIT {
  private static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  private ApiFixture fixture;
  private ApiClient admin;
  private long cloudId;
  private Map<String, String> credentials;
  private long accountId;

  @BeforeAll
  void start() throws Exception {
    fixture =
        ApiFixture.withPlatform(
            "dialect-actions",
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0s\n");
    admin = fixture.client(fixture.newCustomer("acme"));
    cloudId = fixture.platform().defineLocalCloud();
    credentials = fixture.platform().cloud().credentials();
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void shouldRegisterAnAccountGivenAsACloudSubscription() throws Exception {
    Map<String, Object> subscription =
        Map.of(
            "cloudId",
            cloudId,
            "accountNumber",
            "0001",
            "apiKeyId",
            credentials.get("accessKey"),
            "apiKeySecret",
            credentials.get("secretKey"));
    Answer budgeted =
        admin.post(
            B + "/admin/Account",
            Map.of(
                "addAccount",
                List.of(
                    Map.of(
                        "name",
                        "sim",
                        "cloudSubscription",
                        subscription,
                        "groupBudgetCodes",
                        List.of(Map.of("budgetId", 1))))));
    assertEquals(400, budgeted.status(), budgeted.raw());
    assertTrue(budgeted.error().startsWith("groupBudgetCodes:"), budgeted.raw());

    JsonNode job =
        complete(
            admin.post(
                B + "/admin/Account",
                Map.of(
                    "addAccount",
                    List.of(
                        Map.of(
                            "name",
                            "sim",
                            "cloudSubscription",
                            subscription,
                            "setAdminDefaults",
                            true)))));
    accountId = Long.parseLong(job.path("message").asText());
    assertEquals("active", column("cloud_account", "status", accountId));
    assertEquals("0001", column("cloud_account", "account_number", accountId));
  }

  @Test
  @Order(2)
  void shouldReplaceAnAccountsCredentialsAndTestThem() throws Exception {
    String keyBefore = column("cloud_account", "km_key_id", accountId);
    JsonNode wrong =
        admin.awaitJob(
            admin
                .put(
                    B + "/admin/Account/" + accountId,
                    Map.of(
                        "assignCloud",
                        Map.of(
                            "accounts",
                            Map.of(
                                "cloudSubscription",
                                Map.of(
                                    "cloudId",
                                    cloudId,
                                    "apiKeyId",
                                    credentials.get("accessKey"),
                                    "apiKeySecret",
                                    "not-the-secret")))))
                .jobId(),
            JOB_LIMIT);
    assertEquals("ERROR", wrong.path("status").asText(), wrong.toString());
    assertEquals("error", column("cloud_account", "status", accountId));
    assertNotEquals(keyBefore, column("cloud_account", "km_key_id", accountId));

    complete(
        admin.put(
            B + "/admin/Account/" + accountId,
            Map.of(
                "setCredentials",
                List.of(
                    Map.of(
                        "credentials",
                        Map.of(
                            "accessKey", credentials.get("accessKey"),
                            "secretKey", credentials.get("secretKey")))))));
    assertEquals("active", column("cloud_account", "status", accountId));

    Answer elsewhere =
        admin.put(
            B + "/admin/Account/" + accountId,
            Map.of(
                "assignCloud",
                Map.of(
                    "accounts", Map.of("cloudSubscription", Map.of("cloudId", cloudId + 1000)))));
    assertEquals(400, elsewhere.status(), elsewhere.raw());
    assertTrue(elsewhere.error().startsWith("cloudId:"), elsewhere.raw());
  }

  @Test
  @Order(3)
  void shouldLaunchWithTheCloudsProductIdAndCreateAVolumeGivenOnlyADataCentre() throws Exception {
    long regionId = id("SELECT id FROM region WHERE cloud_account_id = ? LIMIT 1", accountId);
    long dataCenterId = id("SELECT id FROM data_center WHERE region_id = ? LIMIT 1", regionId);
    long imageId = id("SELECT id FROM machine_image WHERE region_id = ? LIMIT 1", regionId);
    String product =
        fixture
            .jdbc()
            .sql("SELECT provider_product_id FROM server_product WHERE region_id = ? LIMIT 1")
            .param(regionId)
            .query(String.class)
            .single();
    JsonNode launched =
        complete(
            admin.post(
                B + "/infrastructure/Server",
                Map.of(
                    "launch",
                    List.of(
                        Map.of(
                            "name",
                            "by-provider-product",
                            "machineImage",
                            imageId,
                            "product",
                            Map.of("productId", product),
                            "dataCenter",
                            dataCenterId)))));
    long serverId = Long.parseLong(launched.path("message").asText());
    assertEquals(
        product,
        fixture
            .jdbc()
            .sql(
                "SELECT p.provider_product_id FROM server s JOIN server_product p"
                    + " ON p.id = s.product_id WHERE s.id = ?")
            .param(serverId)
            .query(String.class)
            .single());
    Answer unknown =
        admin.post(
            B + "/infrastructure/Server",
            Map.of(
                "launch",
                List.of(
                    Map.of(
                        "name", "x",
                        "machineImage", Map.of("machineImageId", imageId),
                        "product", Map.of("productId", "no-such-size"),
                        "dataCenter", Map.of("dataCenterId", dataCenterId)))));
    assertEquals(400, unknown.status(), unknown.raw());
    assertTrue(unknown.error().contains("no-such-size"), unknown.raw());

    JsonNode volume =
        complete(
            admin.post(
                B + "/infrastructure/Volume",
                Map.of(
                    "addVolume",
                    List.of(
                        Map.of(
                            "name",
                            "data",
                            "description",
                            "from a data centre",
                            "sizeInGb",
                            2,
                            "dataCenter",
                            Long.toString(dataCenterId))))));
    long volumeId = Long.parseLong(volume.path("message").asText());
    assertEquals(Long.toString(regionId), column("volume", "region_id", volumeId));
    assertEquals(Long.toString(dataCenterId), column("volume", "data_center_id", volumeId));
  }

  @Test
  @Order(4)
  void shouldAuthorizeARuleGivenWithAFlatFirewallIdAndMixcoatlsSource() throws Exception {
    long regionId = id("SELECT id FROM region WHERE cloud_account_id = ? LIMIT 1", accountId);
    long firewallId =
        Long.parseLong(
            complete(
                    admin.post(
                        B + "/network/Firewall",
                        Map.of(
                            "addFirewall",
                            List.of(
                                Map.of("name", "web", "region", Map.of("regionId", regionId))))))
                .path("message")
                .asText());
    Map<String, Object> rule =
        Map.of(
            "firewallId", firewallId,
            "source", "198.51.100.0/24",
            "sourceType", "CIDR",
            "protocol", "TCP",
            "startPort", 80,
            "endPort", 80,
            "direction", "INGRESS",
            "permission", "ALLOW",
            "reason", "Added by mixcoatl");
    complete(admin.post(B + "/network/FirewallRule", Map.of("addRule", List.of(rule))));
    assertEquals(
        "198.51.100.0/24",
        fixture
            .jdbc()
            .sql("SELECT source_cidr FROM firewall_rule WHERE firewall_id = ?")
            .param(firewallId)
            .query(String.class)
            .single());
    Map<String, Object> deny = new java.util.HashMap<>(rule);
    deny.put("permission", "DENY");
    Answer refused = admin.post(B + "/network/FirewallRule", Map.of("addRule", List.of(deny)));
    assertEquals(400, refused.status(), refused.raw());
    assertTrue(refused.error().startsWith("permission:"), refused.raw());
  }

  private JsonNode complete(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.raw());
    JsonNode job = admin.awaitJob(accepted.jobId(), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    return job;
  }

  private String column(String table, String column, long id) {
    return fixture
        .jdbc()
        .sql("SELECT CAST(" + column + " AS CHAR) FROM " + table + " WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private long id(String sql, long param) {
    return fixture.jdbc().sql(sql).param(param).query(Long.class).single();
  }
}
