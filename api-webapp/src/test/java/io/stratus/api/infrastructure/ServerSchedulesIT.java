package io.stratus.api.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.LocalAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * enStratus' scheduled termination and stop over the whole platform: {@code DELETE
 * Server/{id}?terminateAfter=N} and {@code PUT {"stop":[{}]}?pauseAfter=N} schedule and never act
 * at once, a schedule can be moved and cancelled, and the Dispatcher carries a due one out exactly
 * once.
 */
class ServerSchedulesIT {
  private static final String B = Api.BASE + "/infrastructure/Server/";
  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);
  private static final Map<String, Object> STOP = Map.of("stop", List.of(Map.of()));

  private static ApiFixture fixture;
  private static ApiClient admin;
  private static LocalAccount local;

  @BeforeAll
  static void start() throws Exception {
    fixture =
        ApiFixture.withPlatform("schedules", "regions=local-1\nregion.local-1.mode=process\n");
    Customer acme = fixture.newCustomer("acme");
    admin = fixture.client(acme);
    local = LocalAccount.register(fixture, admin, "img-http", JOB_LIMIT);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldScheduleMoveAndCancelWithoutActingAtOnce() throws Exception {
    long server = local.launch(admin, "kept", JOB_LIMIT);
    long jobs = jobs(server);

    Instant asked = Instant.now();
    Answer terminate = admin.delete(B + server + "?terminateAfter=3600000");
    assertEquals(204, terminate.status(), terminate.raw());
    assertAbout(asked.plus(Duration.ofHours(1)), schedule(server, "terminate_after"));
    Answer moved = admin.delete(B + server + "?terminateAfter=7200000");
    assertEquals(204, moved.status(), moved.raw());
    assertAbout(asked.plus(Duration.ofHours(2)), schedule(server, "terminate_after"));

    Answer pause = admin.put(B + server + "?pauseAfter=86400000", STOP);
    assertEquals(204, pause.status(), pause.raw());
    assertAbout(asked.plus(Duration.ofDays(1)), schedule(server, "pause_after"));

    assertEquals("running", state(server));
    assertEquals(jobs, jobs(server), "scheduling starts no job");

    Answer cancelTermination =
        admin.put(B + server, Map.of("cancelTermination", List.of(Map.of())));
    assertEquals(204, cancelTermination.status(), cancelTermination.raw());
    assertNull(schedule(server, "terminate_after"));
    Answer cancelPause = admin.put(B + server, Map.of("cancelPause", List.of(Map.of())));
    assertEquals(204, cancelPause.status(), cancelPause.raw());
    assertNull(schedule(server, "pause_after"));
    assertEquals("running", state(server));
  }

  @Test
  void shouldStopAndThenTerminateWhenDueExactlyOnce() throws Exception {
    long server = local.launch(admin, "doomed", JOB_LIMIT);

    Answer pause = admin.put(B + server + "?pauseAfter=1500", STOP);
    assertEquals(204, pause.status(), pause.raw());
    awaitState(server, "stopped");
    assertNull(schedule(server, "pause_after"), "a stop that ran is no longer scheduled");

    Answer terminate = admin.delete(B + server + "?terminateAfter=1500");
    assertEquals(204, terminate.status(), terminate.raw());
    awaitState(server, "terminated");
    assertNull(schedule(server, "terminate_after"));
    Thread.sleep(6_000); // past the Dispatcher's next rounds: nothing runs twice
    assertEquals(1, jobs(server, "server.stop"));
    assertEquals(1, jobs(server, "server.terminate"));
  }

  @Test
  void shouldRefuseWhatItCannotScheduleNamingTheParameter() throws Exception {
    long server = local.launch(admin, "refusals", JOB_LIMIT);
    for (String bad : List.of("soon", "-5", "0", "999", "316224000001", "")) {
      Answer answer = admin.delete(B + server + "?terminateAfter=" + bad);
      assertEquals(400, answer.status(), bad + " → " + answer.raw());
      assertTrue(answer.error().startsWith("terminateAfter:"), answer.raw());
    }
    Answer pauseOnStart =
        admin.put(B + server + "?pauseAfter=60000", Map.of("start", List.of(Map.of())));
    assertEquals(400, pauseOnStart.status(), pauseOnStart.raw());
    assertTrue(pauseOnStart.error().startsWith("pauseAfter:"), pauseOnStart.raw());

    Answer other =
        fixture.client(fixture.newCustomer("other")).delete(B + server + "?terminateAfter=60000");
    assertEquals(404, other.status(), other.raw());

    assertNull(schedule(server, "terminate_after"));
    assertNull(schedule(server, "pause_after"));
    assertEquals("running", state(server));

    Answer terminated = admin.delete(B + server);
    assertEquals(202, terminated.status(), terminated.raw());
    admin.awaitJob(terminated.jobId(), JOB_LIMIT);
    Answer late = admin.delete(B + server + "?terminateAfter=60000");
    assertEquals(409, late.status(), late.raw());
  }

  private static Instant schedule(long server, String column) {
    LocalDateTime at =
        fixture
            .jdbc()
            .sql("SELECT " + column + " FROM server WHERE id = ?")
            .param(server)
            .query(LocalDateTime.class)
            .optional()
            .orElse(null);
    return at == null ? null : at.toInstant(ZoneOffset.UTC);
  }

  private static String state(long server) {
    return fixture
        .jdbc()
        .sql("SELECT state FROM server WHERE id = ?")
        .param(server)
        .query(String.class)
        .single();
  }

  private static long jobs(long server) {
    return jobs(server, "%");
  }

  private static long jobs(long server, String action) {
    return fixture
        .jdbc()
        .sql(
            "SELECT COUNT(*) FROM job WHERE resource_type = 'server' AND resource_id = ?"
                + " AND action LIKE ?")
        .params(server, action)
        .query(Long.class)
        .single();
  }

  private static void awaitState(long server, String expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(JOB_LIMIT);
    while (!expected.equals(state(server))) {
      assertTrue(
          Instant.now().isBefore(deadline),
          "server " + server + " is " + state(server) + ", not " + expected);
      Thread.sleep(250);
    }
  }

  private static void assertAbout(Instant expected, Instant actual) {
    assertTrue(
        actual != null && Duration.between(expected, actual).abs().toSeconds() <= 60,
        "expected about " + expected + ", was " + actual);
  }
}
