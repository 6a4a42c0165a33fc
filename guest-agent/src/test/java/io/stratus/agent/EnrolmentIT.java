package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.pki.ComponentIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** First boot, the handshake with the Dispatcher, and what the agent keeps of it. */
class EnrolmentIT {
  private static TestPki pki;
  private static FakeDispatcher dispatcher;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create("enrolment");
    dispatcher = new FakeDispatcher(pki);
  }

  @AfterAll
  static void stop() {
    dispatcher.close();
  }

  @Test
  void shouldEnrolOnceThroughTheMetadataServiceAndKeepItsIdentityAcrossRestarts() throws Exception {
    String token = dispatcher.token(42);
    String url = dispatcher.serveUserData("vm-42", "vm-secret", dispatcher.userData(42, token));
    try (AgentProcess agent =
        AgentProcess.builder()
            .env("STRATUS_METADATA_URL", url)
            .env("STRATUS_VM_TOKEN", "vm-secret")
            .start()) {
      agent.awaitListening(Duration.ofSeconds(20));
      assertEquals(1, handshakes(42));
      Map<String, Object> body = handshake(agent).body();
      assertEquals(42L, body.get("serverId"));
      assertEquals(token, body.get("token"));
      assertTrue(((String) body.get("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
      assertEquals("127.0.0.1", body.get("address"));
      assertEquals((long) agent.port(), body.get("port"));
      assertTrue(body.get("version") instanceof String v && !v.isEmpty());

      AgentClient client = new AgentClient(agent, pki.context("dispatcher"));
      AgentClient.Answer status = client.get("/status");
      assertEquals(200, status.status(), status.body());
      assertEquals(42L, status.json().get("serverId"));
      var served = status.served();
      served.verify(pki.caCertificate().getPublicKey());
      assertEquals("agent", ComponentIdentity.of(served).orElseThrow().component());

      Path state = agent.home().resolve("state");
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
      for (String file : new String[] {"agent.p12", "agent.p12.password"}) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file))),
            file);
      }

      agent.restart();
      agent.awaitListening(Duration.ofSeconds(20));
      AgentClient.Answer again = new AgentClient(agent, pki.context("dispatcher")).get("/status");
      assertEquals(200, again.status());
      assertEquals(served.getSerialNumber(), again.served().getSerialNumber());
      assertEquals(1, handshakes(42), "a restart does not handshake again");
    }
  }

  @Test
  void shouldKeepItsListenerDownWhileTheTokenIsRefused() throws Exception {
    String token = dispatcher.token(43);
    Path userData = Files.createTempFile("user-data-", ".properties");
    Files.writeString(userData, dispatcher.userData(43, token));
    // First use of the token, by an agent that enrols...
    try (AgentProcess first =
        AgentProcess.builder().set("user-data.file", userData.toString()).start()) {
      first.awaitListening(Duration.ofSeconds(20));
    }
    long before = handshakes(43);
    // ... then a second agent with the same, now used, token.
    try (AgentProcess agent =
        AgentProcess.builder().set("user-data.file", userData.toString()).start()) {
      agent.awaitLog("the bootstrap token was already used", Duration.ofSeconds(20));
      assertTrue(
          agent.log().contains("The Dispatcher refused the handshake (HTTP 409)"), agent.log());
      Thread.sleep(3000);
      assertFalse(agent.isListening(), "no listener without an identity");
      assertTrue(agent.isAlive(), "the agent keeps trying, slowly");
      assertEquals(before + 1, handshakes(43), "no fast retry loop");
    }
  }

  @Test
  void shouldTryAgainSoonWhenTheDispatcherIsUnavailable() throws Exception {
    String token = dispatcher.token(44);
    Path userData = Files.createTempFile("user-data-", ".properties");
    Files.writeString(userData, dispatcher.userData(44, token));
    dispatcher.failNext(1);
    try (AgentProcess agent =
        AgentProcess.builder().set("user-data.file", userData.toString()).start()) {
      agent.awaitListening(Duration.ofSeconds(20));
      assertEquals(2, handshakes(44));
      assertTrue(
          agent.log().contains("The handshake failed (HTTP 503): the Dispatcher is starting"));
    }
  }

  @Test
  void shouldSendItsTokenOnlyToTheDispatcher() throws Exception {
    try (FakeDispatcher impostor = new FakeDispatcher(pki, "worker")) {
      String token = impostor.token(45);
      Path userData = Files.createTempFile("user-data-", ".properties");
      Files.writeString(userData, impostor.userData(45, token));
      try (AgentProcess agent =
          AgentProcess.builder().set("user-data.file", userData.toString()).start()) {
        agent.awaitLog("is not a Stratus dispatcher's", Duration.ofSeconds(20));
        assertEquals(0, impostor.calls().size(), "the token never reached the impostor");
        assertFalse(agent.isListening());
      }
    }
  }

  private static long handshakes(long serverId) {
    return dispatcher.calls().stream()
        .filter(c -> c.path().equals("/agents/handshake"))
        .filter(c -> c.body().get("serverId").equals(serverId))
        .count();
  }

  private static FakeDispatcher.Call handshake(AgentProcess agent) {
    return dispatcher.calls().stream()
        .filter(c -> c.path().equals("/agents/handshake"))
        .filter(c -> ((Long) c.body().get("port")) == agent.port())
        .findFirst()
        .orElseThrow();
  }
}
