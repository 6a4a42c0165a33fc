package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.LocalAccount;
import io.stratus.cloud.spi.compute.Architecture;
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
 * Every action of volumes, snapshots, IP addresses and firewalls through the signed API, each a job
 * followed to COMPLETE, over a whole real platform with a simulated local-cloud region; and the
 * region's volume products, discovered when the account was registered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiResourcesIT {
  private static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  private ApiFixture fixture;
  private ApiClient admin;
  private ApiClient stranger;
  private long regionId;
  private long serverId;
  private long volumeId;

  @BeforeAll
  void start() throws Exception {
    fixture = ApiFixture.withPlatform("api-resources", ApiFixture.SIMULATED_REGION);
    ApiFixture.Customer acme = fixture.newCustomer("acme");
    admin = fixture.client(acme);
    stranger = fixture.client(fixture.newCustomer("globex"));
    LocalAccount.registerAccount(fixture, admin, "sim", JOB_LIMIT);
    regionId =
        admin.get(B + "/geography/Region").body().path("regions").path(0).path("regionId").asLong();
    long imageId =
        admin
            .get(B + "/infrastructure/MachineImage?regionId=" + regionId)
            .body()
            .path("images")
            .path(0)
            .path("machineImageId")
            .asLong();
    long productId =
        admin
            .get(B + "/infrastructure/ServerProduct?regionId=" + regionId)
            .body()
            .path("serverProducts")
            .path(0)
            .path("productId")
            .asLong();
    Answer launched =
        admin.post(
            B + "/infrastructure/Server",
            Map.of(
                "launch",
                List.of(
                    Map.of(
                        "name", "app-1",
                        "machineImage", Map.of("machineImageId", imageId),
                        "product", Map.of("productId", productId)))));
    serverId = Long.parseLong(complete(launched).path("message").asText());
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private JsonNode complete(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.raw());
    JsonNode job = admin.awaitJob(accepted.jobId(), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    return job;
  }

  private JsonNode one(String path, String list) {
    Answer answer = admin.get(B + path);
    assertEquals(200, answer.status(), answer.raw());
    return answer.body().path(list).path(0);
  }

  @Test
  @Order(1)
  void shouldListTheRegionsVolumeProductsDiscoveredAtRegistration() {
    Answer products = admin.get(B + "/infrastructure/VolumeProduct?regionId=" + regionId);
    assertEquals(200, products.status(), products.raw());
    JsonNode first = products.body().path("volumeProducts").path(0);
    assertFalse(first.isMissingNode(), products.raw());
    assertTrue(first.path("minVolumeSizeInGb").asInt() >= 1, first.toString());
    assertTrue(
        first.path("maxVolumeSizeInGb").asInt() >= first.path("minVolumeSizeInGb").asInt(),
        first.toString());
    assertEquals(regionId, first.path("region").path("regionId").asLong());
    long productId = first.path("productId").asLong();
    assertEquals(
        productId,
        one("/infrastructure/VolumeProduct/" + productId, "volumeProducts")
            .path("productId")
            .asLong());
    assertEquals(404, stranger.get(B + "/infrastructure/VolumeProduct/" + productId).status());
    assertTrue(
        stranger.get(B + "/infrastructure/VolumeProduct").body().path("volumeProducts").isEmpty());
  }

  @Test
  @Order(1)
  void shouldShowTheArchitectureTheCloudReportedAtRegistration() {
    // The local cloud's VMs are processes of this host: its images and sizes run on its machine.
    String host =
        Architecture.ofMachine(System.getProperty("os.arch")).map(Enum::name).orElse(null);
    JsonNode product = one("/infrastructure/ServerProduct?regionId=" + regionId, "serverProducts");
    assertFalse(product.isMissingNode());
    assertEquals(host, product.path("architecture").textValue(), product.toString());
    assertTrue(product.has("architecture"), "present even when the cloud does not say");
    JsonNode image = one("/infrastructure/MachineImage?regionId=" + regionId, "images");
    assertEquals(host, image.path("architecture").textValue(), image.toString());
    assertEquals("linux", image.path("platform").asText(), image.toString());
  }

  @Test
  @Order(2)
  void shouldCreateAttachDetachSnapshotAndRemoveAVolume() throws Exception {
    JsonNode created =
        complete(
            admin.post(
                B + "/infrastructure/Volume",
                Map.of(
                    "addVolume",
                    List.of(
                        Map.of(
                            "name",
                            "data-1",
                            "sizeInGb",
                            2,
                            "region",
                            Map.of("regionId", regionId))))));
    volumeId = Long.parseLong(created.path("message").asText());
    assertEquals(
        "AVAILABLE",
        one("/infrastructure/Volume/" + volumeId, "volumes").path("currentState").asText());

    complete(
        admin.put(
            B + "/infrastructure/Volume/" + volumeId,
            Map.of(
                "attach",
                List.of(Map.of("server", Map.of("serverId", serverId), "deviceId", "vdb")))));
    JsonNode attached = one("/infrastructure/Volume/" + volumeId, "volumes");
    assertEquals("ATTACHED", attached.path("currentState").asText(), attached.toString());
    assertEquals(serverId, attached.path("server").path("serverId").asLong());

    complete(
        admin.put(B + "/infrastructure/Volume/" + volumeId, Map.of("detach", List.of(Map.of()))));
    assertEquals(
        "AVAILABLE",
        one("/infrastructure/Volume/" + volumeId, "volumes").path("currentState").asText());

    JsonNode snapshot =
        complete(
            admin.post(
                B + "/infrastructure/Snapshot",
                Map.of(
                    "createSnapshot",
                    List.of(Map.of("volume", Map.of("volumeId", volumeId), "name", "nightly")))));
    long snapshotId = Long.parseLong(snapshot.path("message").asText());
    assertEquals(
        volumeId,
        one("/infrastructure/Snapshot/" + snapshotId, "snapshots")
            .path("volume")
            .path("volumeId")
            .asLong());
    complete(admin.delete(B + "/infrastructure/Snapshot/" + snapshotId));

    assertEquals(404, stranger.delete(B + "/infrastructure/Volume/" + volumeId).status());
    complete(admin.delete(B + "/infrastructure/Volume/" + volumeId));
    String state =
        one("/infrastructure/Volume/" + volumeId, "volumes").path("currentState").asText();
    assertTrue(List.of("DELETED", "REMOVED").contains(state) || state.isEmpty(), state);
  }

  @Test
  @Order(3)
  void shouldRequestAssignUnassignAndReleaseAnAddress() throws Exception {
    JsonNode requested =
        complete(
            admin.post(
                B + "/network/IpAddress",
                Map.of("requestAddress", List.of(Map.of("region", Map.of("regionId", regionId))))));
    long addressId = Long.parseLong(requested.path("message").asText());
    JsonNode address = one("/network/IpAddress/" + addressId, "ipAddresses");
    assertFalse(address.path("address").asText().isEmpty(), address.toString());

    complete(
        admin.put(
            B + "/network/IpAddress/" + addressId,
            Map.of("assign", List.of(Map.of("server", Map.of("serverId", serverId))))));
    assertEquals(
        serverId,
        one("/network/IpAddress/" + addressId, "ipAddresses")
            .path("server")
            .path("serverId")
            .asLong());
    complete(
        admin.put(B + "/network/IpAddress/" + addressId, Map.of("unassign", List.of(Map.of()))));
    assertTrue(
        one("/network/IpAddress/" + addressId, "ipAddresses")
                .path("server")
                .path("serverId")
                .isMissingNode()
            || one("/network/IpAddress/" + addressId, "ipAddresses").path("server").isNull());
    complete(admin.delete(B + "/network/IpAddress/" + addressId));
  }

  @Test
  @Order(4)
  void shouldCreateAFirewallAuthorizeAndRevokeARuleAndRemoveIt() throws Exception {
    JsonNode created =
        complete(
            admin.post(
                B + "/network/Firewall",
                Map.of(
                    "addFirewall",
                    List.of(
                        Map.of(
                            "name", "web",
                            "description", "web servers",
                            "region", Map.of("regionId", regionId))))));
    long firewallId = Long.parseLong(created.path("message").asText());
    complete(
        admin.post(
            B + "/network/FirewallRule",
            Map.of(
                "addRule",
                List.of(
                    Map.of(
                        "firewall",
                        Map.of("firewallId", firewallId),
                        "protocol",
                        "TCP",
                        "startPort",
                        443,
                        "endPort",
                        443,
                        "sourceCidr",
                        "203.0.113.0/24",
                        "direction",
                        "INGRESS")))));
    JsonNode rule = one("/network/FirewallRule?firewallId=" + firewallId, "rules");
    assertEquals(443, rule.path("startPort").asInt(), rule.toString());
    assertEquals("203.0.113.0/24", rule.path("sourceCidr").asText());
    complete(admin.delete(B + "/network/FirewallRule/" + rule.path("firewallRuleId").asLong()));
    assertTrue(
        admin
            .get(B + "/network/FirewallRule?firewallId=" + firewallId)
            .body()
            .path("rules")
            .isEmpty());
    complete(admin.delete(B + "/network/Firewall/" + firewallId));
  }
}
