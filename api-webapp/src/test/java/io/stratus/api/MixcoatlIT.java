package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.LocalAccount;
import io.stratus.api.support.Mixcoatl;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The enStratus Python client mixcoatl, unchanged, against the whole platform (KM, Dispatcher,
 * workers, the local cloud): the calls Stratus serves work, and what it does not serve fails
 * clearly without doing anything. Skipped, saying why, where Python 2.7 or mixcoatl is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixcoatlIT {
  private static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);

  private ApiFixture fixture;
  private ApiClient admin;
  private Mixcoatl mixcoatl;
  private long dataCenterId;
  private long imageId;
  private long productId;
  private long serverId;
  private LocalAccount local;
  private Customer acme;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Mixcoatl.missing().isEmpty(), () -> Mixcoatl.missing().orElse(""));
    fixture = ApiFixture.withPlatform("mixcoatl", "regions=local-1\nregion.local-1.mode=process\n");
    acme = fixture.newCustomer("acme");
    admin = fixture.client(acme);
    mixcoatl =
        Mixcoatl.against(
            fixture.port(),
            fixture.km().pki().resolve("ca.crt"),
            acme.accessKey(),
            acme.secretKey());
    // The account is registered as Stratus' own clients do: enStratus' cloudSubscription shape is
    // later work. Everything after it goes through mixcoatl.
    local = LocalAccount.register(fixture, admin, "img-http", JOB_LIMIT);
    dataCenterId = local.dataCenterId();
    imageId = local.imageId();
    productId = local.productId();
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void shouldReadTheVersionsDocument() throws Exception {
    Mixcoatl.Run run = mixcoatl.call("versions");
    assertEquals(0, run.code(), run.toString());
    JsonNode versions = run.report();
    assertEquals("2013-03-13", versions.path("current").asText(), run.toString());
    assertEquals(
        "[\"2013-03-13\",\"2012-06-15\",\"2012-02-29\"]",
        versions.path("supported").toString(),
        run.toString());
  }

  @Test
  @Order(2)
  void shouldLaunchAServerWithABodySentWithoutContentType() throws Exception {
    Mixcoatl.Run run =
        mixcoatl.call(
            "launch",
            Long.toString(imageId),
            Long.toString(productId),
            Long.toString(dataCenterId),
            "from-mixcoatl");
    assertEquals(0, run.code(), run.toString());
    JsonNode launched = run.report();
    assertEquals("COMPLETE", launched.path("status").asText(), run.toString());
    serverId = Long.parseLong(launched.path("message").asText());
    assertEquals("RUNNING", state(serverId));
  }

  @Test
  @Order(3)
  void shouldListServers() throws Exception {
    Mixcoatl.Run run = mixcoatl.call("list-servers");
    assertEquals(0, run.code(), run.toString());
    assertEquals("[" + serverId + "]", run.report().path("ids").toString(), run.toString());
    Mixcoatl.Run tool = mixcoatl.tool("dcm-list-servers", "--json");
    assertEquals(0, tool.code(), tool.toString());
    assertTrue(tool.out().contains("\"server_id\": " + serverId), tool.toString());
  }

  @Test
  @Order(4)
  void shouldScheduleTerminationInsteadOfTerminatingAtOnce() throws Exception {
    if (serverId == 0) {
      serverId = launchDirectly(); // the mixcoatl launch above failed: this test stands alone
    }
    long jobsBefore = jobs();
    Instant asked = Instant.now();
    Mixcoatl.Run call = mixcoatl.call("extend-terminate", Long.toString(serverId), "3600000");
    assertEquals(0, call.code(), call.toString());
    JsonNode scheduled = call.report();
    assertEquals(204, scheduled.path("status").asInt(), call.toString());
    assertEquals("True", scheduled.path("result").asText(), call.toString());
    assertBetween(asked.plus(Duration.ofHours(1)), terminateAfter(), Duration.ofMinutes(1));

    // The published tool, as a user types it: terminate in two hours from now.
    asked = Instant.now();
    Mixcoatl.Run tool =
        mixcoatl.tool("dcm-set-server-terminate", "-s", Long.toString(serverId), "-x", "2");
    assertEquals(0, tool.code(), tool.toString());
    assertBetween(asked.plus(Duration.ofHours(2)), terminateAfter(), Duration.ofMinutes(1));
    assertEquals(jobsBefore, jobs(), "nothing ran: the termination waits for its time");
    assertEquals("RUNNING", state(serverId));
  }

  @Test
  @Order(5)
  void shouldWorkPinnedToAnOlderVersion() throws Exception {
    Mixcoatl pinned =
        Mixcoatl.against(
            fixture.port(),
            fixture.km().pki().resolve("ca.crt"),
            acme.accessKey(),
            acme.secretKey(),
            "2012-06-15");
    Mixcoatl.Run run = pinned.call("list-servers");
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.report().path("ids").toString().contains(Long.toString(serverId)), run.toString());
  }

  private Instant terminateAfter() {
    return fixture
        .jdbc()
        .sql("SELECT terminate_after FROM server WHERE id = ?")
        .param(serverId)
        .query(java.time.LocalDateTime.class)
        .single()
        .toInstant(java.time.ZoneOffset.UTC);
  }

  private static void assertBetween(Instant expected, Instant actual, Duration tolerance) {
    assertTrue(
        Duration.between(expected, actual).abs().compareTo(tolerance) <= 0,
        "expected about " + expected + ", was " + actual);
  }

  private String state(long id) {
    return admin
        .get(B + "/infrastructure/Server/" + id)
        .body()
        .path("servers")
        .path(0)
        .path("currentState")
        .asText();
  }

  private long jobs() {
    return fixture.jdbc().sql("SELECT COUNT(*) FROM job").query(Long.class).single();
  }

  private long launchDirectly() throws InterruptedException {
    return local.launch(admin, "direct", JOB_LIMIT);
  }
}
