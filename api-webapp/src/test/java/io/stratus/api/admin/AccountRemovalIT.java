package io.stratus.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Removing a cloud account over the whole platform: refused, naming them, while anything Stratus
 * started in the cloud still runs there; once they have ended, the account is removed (its name
 * free again, its regions removed, its credential gone from the Key Manager), its ended resources
 * kept, and nothing was done in the cloud.
 */
class AccountRemovalIT {
  private static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  private static ApiFixture fixture;
  private static ApiClient admin;
  private static Map<String, String> credentials;
  private static long cloudId;

  @BeforeAll
  static void start() throws Exception {
    fixture =
        ApiFixture.withPlatform(
            "account-removal",
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0s\n");
    admin = fixture.client(fixture.newCustomer("acme"));
    cloudId = fixture.platform().defineLocalCloud();
    credentials = fixture.platform().cloud().credentials();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldRemoveAnAccountOnlyOnceNothingOfItRunsInTheCloud() throws Exception {
    long account = register("sim");
    long region = id("SELECT id FROM region WHERE cloud_account_id = ? LIMIT 1", account);
    long image = id("SELECT id FROM machine_image WHERE region_id = ? LIMIT 1", region);
    long product = id("SELECT id FROM server_product WHERE region_id = ? LIMIT 1", region);
    long server =
        created(
            admin.post(
                B + "/infrastructure/Server",
                Map.of(
                    "launch",
                    List.of(
                        Map.of(
                            "name", "app",
                            "machineImage", Map.of("machineImageId", image),
                            "product", Map.of("productId", product))))));
    long volume =
        created(
            admin.post(
                B + "/infrastructure/Volume",
                Map.of(
                    "addVolume",
                    List.of(
                        Map.of(
                            "name",
                            "data",
                            "sizeInGb",
                            2,
                            "region",
                            Map.of("regionId", region))))));

    Answer refused = admin.delete(B + "/admin/Account/" + account);
    assertEquals(409, refused.status(), refused.raw());
    assertTrue(refused.error().contains("1 server(s)"), refused.raw());
    assertTrue(refused.error().contains("1 volume(s)"), refused.raw());
    assertEquals("active", column("status", account));

    created(admin.delete(B + "/infrastructure/Server/" + server));
    created(admin.delete(B + "/infrastructure/Volume/" + volume));
    long keyId = Long.parseLong(column("km_key_id", account));

    Answer removed = admin.delete(B + "/admin/Account/" + account);
    assertEquals(204, removed.status(), removed.raw());
    assertEquals("removed", column("status", account));
    assertEquals(null, column("km_key_id", account));
    assertEquals(
        0L,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM region WHERE cloud_account_id = ? AND status <> 'removed'")
            .param(account)
            .query(Long.class)
            .single());
    assertEquals(
        0L,
        org.springframework.jdbc.core.simple.JdbcClient.create(fixture.km().kmDataSource())
            .sql("SELECT COUNT(*) FROM `key` WHERE key_id = ?")
            .param(keyId)
            .query(Long.class)
            .single(),
        "the credential is gone from the Key Manager");
    assertEquals("terminated", state("server", server), "its ended resources are kept");

    Answer again = admin.delete(B + "/admin/Account/" + account);
    assertEquals(409, again.status(), again.raw());
    register("sim"); // the name is free again
  }

  private static long register(String name) throws InterruptedException {
    return created(
        admin.post(
            B + "/admin/Account",
            Map.of(
                "addAccount",
                List.of(
                    Map.of(
                        "name", name,
                        "cloud", Map.of("cloudId", cloudId),
                        "credentials",
                            Map.of(
                                "accessKey", credentials.get("accessKey"),
                                "secretKey", credentials.get("secretKey")))))));
  }

  private static long created(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.raw());
    JsonNode job = admin.awaitJob(accepted.jobId(), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    String message = job.path("message").asText();
    return message.matches("[0-9]+") ? Long.parseLong(message) : 0;
  }

  private static String column(String column, long account) {
    return fixture
        .jdbc()
        .sql("SELECT CAST(" + column + " AS CHAR) FROM cloud_account WHERE id = ?")
        .param(account)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static String state(String table, long id) {
    return fixture
        .jdbc()
        .sql("SELECT state FROM " + table + " WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private static long id(String sql, long param) {
    return fixture.jdbc().sql(sql).param(param).query(Long.class).single();
  }
}
