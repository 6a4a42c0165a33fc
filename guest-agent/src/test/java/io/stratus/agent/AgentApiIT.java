package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the agent on 2003, and what status, sample and logs answer. */
class AgentApiIT {
  private static TestPki pki;
  private static FakeDispatcher dispatcher;
  private static AgentProcess agent;
  private static AgentClient client;
  private static Path appLog;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create("api");
    dispatcher = new FakeDispatcher(pki);
    Path userData = Files.createTempFile("user-data-", ".properties");
    Files.writeString(userData, dispatcher.userData(7, dispatcher.token(7)));
    appLog = Files.createTempDirectory("agent-app-log-").resolve("app.log");
    agent =
        AgentProcess.builder()
            .set("user-data.file", userData.toString())
            .set("log.app", appLog.toString())
            .start();
    agent.awaitListening(Duration.ofSeconds(20));
    client = new AgentClient(agent, pki.context("dispatcher"));
  }

  @AfterAll
  static void stop() {
    agent.close();
    dispatcher.close();
  }

  @Test
  void shouldAnswerTheDispatcherWorkersAndPinger() throws Exception {
    for (String component : List.of("dispatcher", "worker", "pinger")) {
      AgentClient.Answer answer = new AgentClient(agent, pki.context(component)).get("/status");
      assertEquals(200, answer.status(), component + ": " + answer.body());
    }
  }

  @Test
  void shouldRefuseOtherComponentsWith403() throws Exception {
    for (String component : List.of("api", "console")) {
      AgentClient.Answer answer = new AgentClient(agent, pki.context(component)).get("/status");
      assertEquals(403, answer.status(), component);
      assertTrue(answer.errorMessage().contains("component " + component), answer.body());
    }
  }

  @Test
  void shouldNotLetAnotherCaOrNoCertificatePastTheHandshake() throws Exception {
    TestPki other = TestPki.create("other");
    AgentClient foreign = new AgentClient(agent, pki.foreignContext(other, "dispatcher"));
    assertThrows(IOException.class, () -> foreign.get("/status"));
    AgentClient anonymous = new AgentClient(agent, pki.anonymousContext());
    assertThrows(IOException.class, () -> anonymous.get("/status"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldReportStatusFromProc() throws Exception {
    Map<String, Object> status = client.get("/status").json();
    assertEquals(7L, status.get("serverId"));
    assertFalse(((String) status.get("version")).isEmpty());
    assertTrue((Long) status.get("uptimeSeconds") > 0);
    assertEquals(3, ((List<?>) status.get("load")).size());
    Map<String, Object> memory = (Map<String, Object>) status.get("memory");
    assertTrue((Long) memory.get("totalBytes") >= (Long) memory.get("availableBytes"));
    List<Map<String, Object>> disks = (List<Map<String, Object>>) status.get("disks");
    assertEquals("/", disks.get(0).get("path"));
    assertTrue((Long) disks.get(0).get("totalBytes") >= (Long) disks.get(0).get("freeBytes"));
  }

  @Test
  void shouldSampleCpuAndMemory() throws Exception {
    for (int i = 0; i < 2; i++) {
      Map<String, Object> sample = client.get("/sample").json();
      double cpu = ((Number) sample.get("cpuPercent")).doubleValue();
      double memory = ((Number) sample.get("memoryPercent")).doubleValue();
      assertTrue(cpu >= 0 && cpu <= 100, sample.toString());
      assertTrue(memory > 0 && memory <= 100, sample.toString());
      Instant at = Instant.parse((String) sample.get("sampledAt"));
      assertTrue(Duration.between(at, Instant.now()).abs().toSeconds() < 5);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldServeLogsInWholeLinesFromAnOffsetAndNoticeRotation() throws Exception {
    Files.writeString(appLog, "first line\nsecond line\nthird, still being writ");
    Map<String, Object> window = client.get("/logs/app?offset=0&limit=1000").json();
    assertEquals(List.of("first line", "second line"), window.get("lines"));
    assertEquals(23L, window.get("nextOffset"));
    assertEquals(false, window.get("rotated"));
    assertEquals(Files.size(appLog), window.get("size"));

    Files.writeString(appLog, "ten\nfourth\n", java.nio.file.StandardOpenOption.APPEND);
    window = client.get("/logs/app?offset=23&limit=1000").json();
    assertEquals(List.of("third, still being written", "fourth"), window.get("lines"));
    long next = (Long) window.get("nextOffset");
    assertEquals(Files.size(appLog), next);

    // A small limit returns only the whole lines that fit.
    window = client.get("/logs/app?offset=0&limit=15").json();
    assertEquals(List.of("first line"), window.get("lines"));
    assertEquals(11L, window.get("nextOffset"));

    // Rotated: the file is now shorter than the offset the collector holds.
    Files.writeString(appLog, "new file\n");
    window = client.get("/logs/app?offset=" + next).json();
    assertEquals(true, window.get("rotated"));
    assertEquals(0L, window.get("offset"));
    assertEquals(List.of("new file"), window.get("lines"));

    // The agent's own log is always offered.
    window = client.get("/logs/agent").json();
    assertTrue(
        ((List<String>) window.get("lines")).stream().anyMatch(l -> l.contains("listening on")));

    AgentClient.Answer unknown = client.get("/logs/nope");
    assertEquals(404, unknown.status());
    assertEquals(400, client.get("/logs/app?offset=-1").status());
    assertEquals(400, client.get("/logs/app?limit=0").status());
  }

  @Test
  void shouldRefuseBodiesOverOneMebibyte() throws Exception {
    AgentClient.Answer answer = client.post("/scripts/scaleCheck", new byte[1024 * 1024 + 1]);
    assertEquals(413, answer.status());
    assertTrue(answer.errorMessage().contains("limited"), answer.body());
  }

  @Test
  void shouldAnswerUnknownPathsAndMethodsWithJsonErrors() throws Exception {
    assertEquals(404, client.get("/nothing").status());
    assertEquals(405, client.get("/scripts/scaleCheck").status());
    assertEquals(405, client.post("/status", "{}").status());
  }
}
