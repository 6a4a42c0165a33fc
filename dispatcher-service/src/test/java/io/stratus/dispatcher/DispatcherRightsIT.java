package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Defence in depth: the Dispatcher checks the acting user's rights itself, so whoever holds the
 * API's (or the console's) certificate — an attacker who stole it — cannot act beyond the rights of
 * the user a call names. Every call here is made directly with the API's client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherRightsIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);

  private Platform platform;
  private long customer;
  private DispatcherClient admin;
  private DispatcherClient nobody;
  private long nobodyId;
  private DispatcherClient ownOnly;
  private long regionId;
  private long adminServer;
  private long adminJob;

  @BeforeAll
  void start() throws Exception {
    platform = Platform.start("rights", "regions=local-1\nregion.local-1.mode=process\n", Map.of());
    long[] acme = platform.newCustomer("rightsco");
    customer = acme[0];
    long cloudId = platform.defineLocalCloud();
    admin = platform.client("api", customer, acme[1]);
    nobodyId = platform.newUser(customer, "nobody@rightsco.example");
    nobody = admin.as(customer, nobodyId);
    ownOnly =
        admin.as(
            customer,
            platform.newUser(
                customer,
                "own@rightsco.example",
                "firewall/create/MINE",
                "server/stop/MINE",
                "job/read/MINE"));

    Answer registered = platform.registerLocalAccount(admin, cloudId);
    assertEquals(202, registered.status(), registered.body().toString());
    adminJob = registered.id("jobId");
    JsonNode job = admin.awaitJob(adminJob, JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    long accountId = registered.id("resourceId");
    regionId =
        platform
            .jdbc()
            .sql("SELECT id FROM region WHERE cloud_account_id = ?")
            .param(accountId)
            .query(Long.class)
            .single();
    // The administrator's running server (as a row: what is refused never reaches the cloud).
    platform
        .jdbc()
        .sql(
            """
            INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,
                                name, state, owner_user_id)
            VALUES (?, ?, ?, 'vm-admin', 'admin-web', 'running', ?)
            """)
        .params(customer, accountId, regionId, acme[1])
        .update();
    adminServer =
        platform
            .jdbc()
            .sql("SELECT id FROM server WHERE provider_server_id = 'vm-admin'")
            .query(Long.class)
            .single();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aUserWithoutRolesCannotActOrRead() {
    assertRefused(nobody.post("/firewalls", Map.of("regionId", regionId, "name", "open")));
    assertRefused(nobody.post("/servers", Map.of("regionId", regionId, "name", "x")));
    assertRefused(nobody.post("/servers/" + adminServer + "/stop", Map.of()));
    assertRefused(nobody.post("/servers/" + adminServer + "/start", Map.of()));
    assertRefused(nobody.delete("/servers/" + adminServer));
    assertRefused(nobody.post("/volumes", Map.of("regionId", regionId, "name", "v", "sizeGb", 1)));
    assertRefused(nobody.post("/ip-addresses", Map.of("regionId", regionId)));
    assertRefused(
        nobody.post("/accounts", Map.of("cloudId", 1, "name", "mine", "fields", Map.of())));
    assertRefused(nobody.post("/servers/" + adminServer + "/scripts/scaleCheck", Map.of()));
    assertRefused(nobody.get("/servers/" + adminServer + "/agent"));
    assertRefused(nobody.get("/jobs/" + adminJob));
    assertEquals(
        0,
        platform
            .jdbc()
            .sql("SELECT COUNT(*) FROM job WHERE user_id = ?")
            .param(nobodyId)
            .query(Integer.class)
            .single(),
        "nothing was done for the user without roles");
  }

  @Test
  void aUserWithOwnRightsActsOnItsOwnAndReadsOnlyItsOwnJobs() throws Exception {
    Answer firewall = ownOnly.post("/firewalls", Map.of("regionId", regionId, "name", "mine"));
    assertEquals(202, firewall.status(), firewall.body().toString());
    JsonNode job = ownOnly.awaitJob(firewall.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());

    Answer foreignJob = ownOnly.get("/jobs/" + adminJob);
    assertEquals(404, foreignJob.status(), foreignJob.body().toString());
    assertRefused(ownOnly.post("/servers/" + adminServer + "/stop", Map.of()));
    assertRefused(ownOnly.delete("/firewalls/" + firewall.id("resourceId")));
    assertEquals(200, admin.get("/jobs/" + firewall.id("jobId")).status(), "ANY reads every job");
  }

  private static void assertRefused(Answer answer) {
    assertEquals(403, answer.status(), answer.body().toString());
    assertTrue(answer.error().startsWith("you may"), answer.body().toString());
  }
}
