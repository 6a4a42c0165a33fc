package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.openstack.TestCloud;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform on the OpenStack test cloud (cloud-drivers/openstack/test-cloud): an account
 * registered through the Dispatcher with Keystone credentials, then a server launched, stopped,
 * started, rebooted and terminated through it, each checked in Nova itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenStackPlatformIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(120);

  private Platform platform;
  private DispatcherClient console;
  private CloudProvider nova;
  private long cloudId;
  private long regionId;
  private long serverId;

  @BeforeAll
  void start() throws Exception {
    TestCloud.assumeUp();
    platform =
        Platform.start("openstack", "regions=sim-1\nregion.sim-1.mode=simulated\n", Map.of());
    long[] acme = platform.newCustomer("acme");
    console = platform.client("console", acme[0], acme[1]);
    platform
        .jdbc()
        .sql(
            "INSERT INTO cloud (name, provider_name, endpoint) VALUES ('openstack', 'openstack', ?)")
        .param(TestCloud.identity().toString())
        .update();
    cloudId =
        platform
            .jdbc()
            .sql("SELECT id FROM cloud WHERE name = 'openstack'")
            .query(Long.class)
            .single();
    nova = TestCloud.provider();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void registeringAnAccountDiscoversRegionsZonesImagesAndFlavours() throws Exception {
    Answer wrong =
        console.post(
            "/accounts",
            Map.of(
                "cloudId",
                cloudId,
                "name",
                "wrong",
                "fields",
                Map.of(
                    "username", TestCloud.USER,
                    "projectName", TestCloud.PROJECT,
                    "password", "not-the-password")));
    assertEquals(202, wrong.status(), wrong.body().toString());
    JsonNode refused = console.awaitJob(wrong.id("jobId"), JOB_LIMIT);
    assertEquals("ERROR", refused.path("status").asText(), refused.toString());
    assertFalse(refused.toString().contains("not-the-password"), refused.toString());

    Answer accepted =
        console.post(
            "/accounts",
            Map.of(
                "cloudId",
                cloudId,
                "name",
                "ops",
                "fields",
                Map.of(
                    "username", TestCloud.USER,
                    "projectName", TestCloud.PROJECT,
                    "password", TestCloud.PASSWORD)));
    assertEquals(202, accepted.status(), accepted.body().toString());
    long accountId = accepted.id("resourceId");
    JsonNode job = console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    regionId =
        platform
            .jdbc()
            .sql("SELECT id FROM region WHERE cloud_account_id = ? AND provider_region_id = ?")
            .params(accountId, TestCloud.REGION)
            .query(Long.class)
            .single();
    assertEquals(
        1, count("data_center WHERE region_id = " + regionId + " AND provider_dc_id = 'nova'"));
    assertEquals(1, count("machine_image WHERE region_id = " + regionId + " AND name = 'tiny'"));
    assertEquals(
        1,
        count(
            "server_product WHERE region_id = "
                + regionId
                + " AND provider_product_id = '"
                + TestCloud.FLAVOR
                + "'"));
  }

  @Test
  @Order(2)
  void aServerLaunchedThroughStratusRunsInNova() throws Exception {
    long image =
        platform
            .jdbc()
            .sql("SELECT id FROM machine_image WHERE region_id = ? AND name = 'tiny'")
            .param(regionId)
            .query(Long.class)
            .single();
    long product =
        platform
            .jdbc()
            .sql("SELECT id FROM server_product WHERE region_id = ? AND provider_product_id = ?")
            .params(regionId, TestCloud.FLAVOR)
            .query(Long.class)
            .single();
    Answer launched =
        console.post(
            "/servers",
            Map.of(
                "regionId", regionId, "imageId", image, "productId", product, "name", "os-web-1"));
    assertEquals(202, launched.status(), launched.body().toString());
    serverId = launched.id("resourceId");
    JsonNode job = console.awaitJob(launched.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    assertEquals("running", column("state"));
    assertEquals(VmState.RUNNING, inNova());
  }

  @Test
  @Order(3)
  void stopStartRebootAndTerminateReachNova() throws Exception {
    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/stop", Map.of())));
    assertEquals("stopped", column("state"));
    assertEquals(VmState.STOPPED, inNova());
    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/start", Map.of())));
    assertEquals("running", column("state"));
    assertEquals(VmState.RUNNING, inNova());
    assertEquals("COMPLETE", run(console.post("/servers/" + serverId + "/reboot", Map.of())));
    assertEquals("running", column("state"));
    assertEquals("COMPLETE", run(console.delete("/servers/" + serverId)));
    assertEquals("terminated", column("state"));
    var gone = vms().get(column("provider_server_id"));
    assertTrue(gone.isEmpty() || gone.get().state() == VmState.TERMINATED, gone.toString());
  }

  private io.stratus.cloud.spi.compute.VirtualMachineSupport vms() {
    return nova.compute().orElseThrow().virtualMachines().orElseThrow();
  }

  private VmState inNova() {
    return vms().get(column("provider_server_id")).orElseThrow().state();
  }

  private String run(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.body().toString());
    JsonNode job = console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
    return job.path("status").asText()
        + ("COMPLETE".equals(job.path("status").asText()) ? "" : ": " + job);
  }

  private String column(String column) {
    return platform
        .jdbc()
        .sql("SELECT " + column + " FROM server WHERE id = ?")
        .param(serverId)
        .query(String.class)
        .single();
  }

  private int count(String from) {
    return platform.jdbc().sql("SELECT COUNT(*) FROM " + from).query(Integer.class).single();
  }
}
