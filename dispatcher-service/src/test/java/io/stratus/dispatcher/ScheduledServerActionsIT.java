package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scheduled termination and scheduled stop (enStratus' {@code terminateAfter}, {@code pauseAfter}):
 * set, moved, cancelled, refused when they cannot be; carried out once, on time, by whichever
 * Dispatcher runs when they fall due, even one started after they did.
 *
 * <p>The platform's own Dispatcher looks for due schedules only every five minutes here, so that
 * what carries a schedule out is visibly the Dispatchers each test starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledServerActionsIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);
  private static final Map<String, String> QUICK = Map.of("schedule.interval", "1s");

  private Platform platform;
  private DispatcherClient console;
  private long customer;
  private long user;
  private long regionId;

  @BeforeAll
  void start() throws Exception {
    platform =
        Platform.start(
            "schedules",
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=200ms\n",
            Map.of(),
            Map.of("schedule.interval", "5m"));
    long[] acme = platform.newCustomer("schedco");
    customer = acme[0];
    user = acme[1];
    console = platform.client("console", customer, user);
    long cloudId = platform.defineLocalCloud();
    Map<String, String> credentials = platform.cloud().credentials();
    Answer account =
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
    assertEquals(202, account.status(), account.body().toString());
    JsonNode job = console.awaitJob(account.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    regionId =
        platform
            .jdbc()
            .sql("SELECT id FROM region WHERE cloud_account_id = ?")
            .param(account.id("resourceId"))
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
  void aDueTerminationIsCarriedOutOnceByTwoDispatchersStartedAfterItFellDue() throws Exception {
    long server = runningServer("doomed");
    Answer set = schedule(server, "terminate-after", Instant.now().plusSeconds(3600));
    assertEquals(200, set.status(), set.body().toString());
    assertTrue(set.body().path("terminateAfter").asText().startsWith("20"), set.body().toString());

    Answer cancelled = schedule(server, "terminate-after", null);
    assertEquals(200, cancelled.status(), cancelled.body().toString());
    assertTrue(cancelled.body().path("terminateAfter").isNull(), cancelled.body().toString());

    assertEquals(200, schedule(server, "terminate-after", Instant.now().plusSeconds(1)).status());
    Thread.sleep(2500);
    assertEquals("running", state(server), "no Dispatcher has looked yet: nothing happened");

    // Two Dispatchers come up after it fell due, as after a restart of both, and race for it.
    try (var first = platform.startDispatcher(QUICK);
        var second = platform.startDispatcher(QUICK)) {
      awaitState(server, "terminated");
    }
    assertEquals(1, jobs(server, "server.terminate"), "carried out exactly once");
    assertEquals(
        user,
        platform
            .jdbc()
            .sql("SELECT user_id FROM job WHERE resource_id = ? AND action = 'server.terminate'")
            .param(server)
            .query(Long.class)
            .single(),
        "on behalf of the user who scheduled it");
    assertEquals(null, column(server, "terminate_after"), "the schedule is cleared");
    assertEquals(
        409,
        schedule(server, "terminate-after", Instant.now().plusSeconds(60)).status(),
        "an ended server cannot be scheduled");
  }

  @Test
  void aScheduledStopStopsTheServerAndAStartLaterIsLeftAlone() throws Exception {
    long server = runningServer("sleepy");
    assertEquals(200, schedule(server, "pause-after", Instant.now().plusSeconds(2)).status());
    try (var dispatcher = platform.startDispatcher(QUICK)) {
      awaitState(server, "stopped");
      assertEquals(1, jobs(server, "server.stop"));
      Answer started = console.post("/servers/" + server + "/start", Map.of());
      assertEquals(202, started.status(), started.body().toString());
      console.awaitJob(started.id("jobId"), JOB_LIMIT);
      Thread.sleep(2500);
      assertEquals("running", state(server), "a carried-out schedule does not come back");
      assertEquals(1, jobs(server, "server.stop"));
    }
  }

  @Test
  void terminatingByHandClearsBothSchedules() throws Exception {
    long server = runningServer("manual");
    assertEquals(
        200, schedule(server, "terminate-after", Instant.now().plusSeconds(3600)).status());
    assertEquals(200, schedule(server, "pause-after", Instant.now().plusSeconds(1800)).status());
    Answer terminated = console.delete("/servers/" + server);
    assertEquals(202, terminated.status(), terminated.body().toString());
    assertEquals(null, column(server, "terminate_after"));
    assertEquals(null, column(server, "pause_after"));
    console.awaitJob(terminated.id("jobId"), JOB_LIMIT);
  }

  @Test
  void badTimesAndMissingRightsAreRefusedAndChangeNothing() throws Exception {
    long server = runningServer("guarded");
    Answer past = schedule(server, "terminate-after", Instant.now().minusSeconds(60));
    assertEquals(400, past.status(), past.body().toString());
    assertTrue(past.error().contains("future"), past.error());
    Answer far = schedule(server, "terminate-after", Instant.now().plus(Duration.ofDays(4000)));
    assertEquals(400, far.status(), far.body().toString());
    Answer garbage =
        console.send("PUT", "/servers/" + server + "/terminate-after", Map.of("at", "tomorrow"));
    assertEquals(400, garbage.status(), garbage.body().toString());
    assertTrue(garbage.error().contains("ISO-8601"), garbage.error());

    long reader = platform.newUser(customer, "reader@schedco.example", "server/read/ANY");
    DispatcherClient readOnly = platform.client("console", customer, reader);
    Answer refused =
        readOnly.send(
            "PUT",
            "/servers/" + server + "/terminate-after",
            Map.of("at", Instant.now().plusSeconds(60).toString()));
    assertEquals(403, refused.status(), refused.body().toString());
    assertEquals(null, column(server, "terminate_after"), "nothing was scheduled");
    assertEquals(200, readOnly.get("/servers/" + server + "/schedule").status());
  }

  private Answer schedule(long server, String which, Instant at) {
    Map<String, Object> body = new HashMap<>();
    body.put("at", at == null ? null : at.toString());
    return console.send("PUT", "/servers/" + server + "/" + which, body);
  }

  private long runningServer(String name) throws InterruptedException {
    long image =
        platform
            .jdbc()
            .sql("SELECT MIN(id) FROM machine_image WHERE region_id = ?")
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
    Answer launched =
        console.post(
            "/servers",
            Map.of("regionId", regionId, "imageId", image, "productId", product, "name", name));
    assertEquals(202, launched.status(), launched.body().toString());
    JsonNode job = console.awaitJob(launched.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    return launched.id("resourceId");
  }

  private void awaitState(long server, String state) throws InterruptedException {
    long end = System.nanoTime() + JOB_LIMIT.toNanos();
    while (!state.equals(state(server))) {
      if (System.nanoTime() > end) {
        throw new AssertionError("server " + server + " is " + state(server) + ", not " + state);
      }
      Thread.sleep(200);
    }
  }

  private String state(long server) {
    return platform
        .jdbc()
        .sql("SELECT state FROM server WHERE id = ?")
        .param(server)
        .query(String.class)
        .single();
  }

  private Object column(long server, String column) {
    return platform
        .jdbc()
        .sql("SELECT " + column + " FROM server WHERE id = ?")
        .param(server)
        .query()
        .singleRow()
        .get(column);
  }

  private int jobs(long server, String action) {
    return platform
        .jdbc()
        .sql("SELECT COUNT(*) FROM job WHERE resource_id = ? AND action = ?")
        .params(server, action)
        .query(Integer.class)
        .single();
  }
}
