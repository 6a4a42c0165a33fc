package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A short-lived certificate is renewed over mutual TLS and swapped in without a restart. */
class RenewalIT {
  @Test
  void shouldRenewAShortLivedCertificateWithoutRestartingTheListener() throws Exception {
    TestPki pki = TestPki.create("renewal");
    try (FakeDispatcher dispatcher = new FakeDispatcher(pki)) {
      // The CA backdates certificates by 5 minutes: 30 s more leaves well under a third.
      dispatcher.handshakeLifetime(Duration.ofSeconds(30));
      Path userData = Files.createTempFile("user-data-", ".properties");
      Files.writeString(userData, dispatcher.userData(11, dispatcher.token(11)));
      try (AgentProcess agent =
          AgentProcess.builder().set("user-data.file", userData.toString()).start()) {
        agent.awaitListening(Duration.ofSeconds(20));
        long pid = agent.pid();
        agent.awaitLog("Renewed: certificate", Duration.ofSeconds(20));
        assertEquals(1, dispatcher.calls("/agents/renew"));
        FakeDispatcher.Call renew =
            dispatcher.calls().stream()
                .filter(c -> c.path().equals("/agents/renew"))
                .findFirst()
                .orElseThrow();
        assertEquals(
            "agent", renew.clientComponent(), "renewal is mutual TLS with the agent's certificate");
        assertTrue(
            ((String) renew.body().get("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertEquals((long) agent.port(), renew.body().get("port"));

        AgentClient.Answer answer = new AgentClient(agent, pki.context("pinger")).get("/status");
        assertEquals(200, answer.status());
        long lifetimeDays =
            Duration.between(
                    answer.served().getNotBefore().toInstant(),
                    answer.served().getNotAfter().toInstant())
                .toDays();
        assertTrue(
            lifetimeDays >= 89, "the served certificate is the renewed one: " + lifetimeDays);
        assertEquals(pid, agent.pid());
        assertTrue(agent.isAlive());

        // And the renewed identity is what a restart finds.
        String serial = answer.served().getSerialNumber().toString();
        agent.restart();
        agent.awaitListening(Duration.ofSeconds(20));
        AgentClient.Answer after = new AgentClient(agent, pki.context("pinger")).get("/status");
        assertEquals(serial, after.served().getSerialNumber().toString());
        assertEquals(1, dispatcher.calls("/agents/handshake"));
        assertNotEquals(0, dispatcher.calls("/agents/renew"));
      }
    }
  }
}
