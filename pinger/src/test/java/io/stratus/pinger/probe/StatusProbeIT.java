package io.stratus.pinger.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.pki.AgentFingerprint;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.pinger.probe.ProbeResult.Kind;
import io.stratus.pinger.sim.SimulatedAgent;
import io.stratus.pinger.sim.SimulatedAgents;
import io.stratus.pinger.sim.TestPki;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against simulated agents over real mutual TLS on loopback. */
class StatusProbeIT {
  private static TestPki pki;
  private static SimulatedAgents agents;
  private static StatusProbe probe;

  @BeforeAll
  static void start() {
    pki = TestPki.create("probe-it");
    agents = new SimulatedAgents(pki, 4, 200);
    TlsMaterial tls = TlsMaterial.load(pki.pingerKeyStore(), pki.trustStore());
    probe =
        new StatusProbe(tls.sslContext(), Duration.ofSeconds(2), Duration.ofSeconds(5), 2, 1000);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    probe.close();
    agents.close();
  }

  private static ProbeResult probe(SimulatedAgent agent) throws Exception {
    return probe(agent, agent.identity().fingerprint());
  }

  private static ProbeResult probe(SimulatedAgent agent, String fingerprint) throws Exception {
    return probe
        .probe(new ProbeTarget(agent.address(), agent.port(), fingerprint))
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldGetAnAnswerPresentingThePingerCertificate() throws Exception {
    SimulatedAgent agent = agents.add();

    ProbeResult result = probe(agent);

    assertEquals(Kind.ANSWERED, result.kind(), result.detail());
    assertEquals(1, agent.answers());
    assertEquals(Set.of("pinger"), agent.callers());
  }

  @Test
  void shouldKeepTheConnectionForTheNextPing() throws Exception {
    SimulatedAgent agent = agents.add();

    for (int i = 0; i < 5; i++) {
      assertEquals(Kind.ANSWERED, probe(agent).kind());
    }

    assertEquals(5, agent.answers());
    assertEquals(1, agent.connections(), "one connection for every ping");
    assertEquals(1, agent.fullHandshakes());
  }

  @Test
  void shouldCloseAKeptConnectionNotUsedForAWholeRound() throws Exception {
    SimulatedAgent agent = agents.add();
    TlsMaterial tls = TlsMaterial.load(pki.pingerKeyStore(), pki.trustStore());
    try (StatusProbe rounds =
        new StatusProbe(tls.sslContext(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1, 10)) {
      rounds.newRound();
      ProbeTarget target =
          new ProbeTarget(agent.address(), agent.port(), agent.identity().fingerprint());
      assertEquals(Kind.ANSWERED, rounds.probe(target).get(10, TimeUnit.SECONDS).kind());
      rounds.newRound(); // not probed in this round: still kept, it may come later in the round
      Thread.sleep(100);
      assertEquals(1, rounds.keptConnections());

      rounds.newRound(); // a whole round without it
      Thread.sleep(100);

      assertEquals(0, rounds.keptConnections());
    }
  }

  @Test
  void shouldResumeTheTlsSessionWhenTheAgentClosesEachConnection() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.closeEachConnection(true);

    for (int i = 0; i < 5; i++) {
      ProbeResult result = probe(agent);
      assertEquals(
          Kind.ANSWERED,
          result.kind(),
          "ping " + i + ": " + result.detail() + " / agent: " + agents.lastFailure());
    }

    assertEquals(5, agent.connections());
    assertEquals(1, agent.fullHandshakes(), "one full handshake, then resumed sessions");
  }

  @Test
  void shouldConnectAgainWithoutAMissWhenTheAgentDroppedTheKeptConnection() throws Exception {
    SimulatedAgent agent = agents.add();
    assertEquals(Kind.ANSWERED, probe(agent).kind());

    agent.dropConnections();
    ProbeResult afterDrop = probe(agent);
    Thread.sleep(50); // the pinger sees the close while the connection is idle
    agent.dropConnections();
    Thread.sleep(50);
    ProbeResult afterIdleClose = probe(agent);

    assertEquals(Kind.ANSWERED, afterDrop.kind(), afterDrop.detail());
    assertEquals(Kind.ANSWERED, afterIdleClose.kind(), afterIdleClose.detail());
    assertEquals(3, agent.connections());
    assertEquals(1, agent.fullHandshakes(), "the new connections resumed the session");
  }

  @Test
  void shouldCountARefusedConnectionAsAMiss() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.stopAnswering();

    ProbeResult result = probe(agent);

    assertEquals(Kind.CONNECT_FAILED, result.kind(), result.detail());
    agent.answer();
    assertEquals(Kind.ANSWERED, probe(agent).kind());
  }

  @Test
  void shouldGiveUpOnAnAgentThatAcceptsButNeverAnswersAfterTheRequestTimeout() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.hang();
    TlsMaterial tls = TlsMaterial.load(pki.pingerKeyStore(), pki.trustStore());
    ProbeResult result;
    long took;
    try (StatusProbe impatient =
        new StatusProbe(tls.sslContext(), Duration.ofMillis(100), Duration.ofMillis(300), 1, 10)) {
      long started = System.nanoTime();
      result =
          impatient
              .probe(new ProbeTarget(agent.address(), agent.port(), agent.identity().fingerprint()))
              .get(10, TimeUnit.SECONDS);
      took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    assertEquals(Kind.TIMED_OUT, result.kind(), result.detail());
    assertTrue(took >= 300 && took < 600, "ended " + took + " ms after it started");
  }

  @Test
  void shouldCountAnAnswerOtherThan200AsAMiss() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.answerWith(503);

    ProbeResult result = probe(agent);

    assertEquals(Kind.BAD_ANSWER, result.kind());
    assertTrue(result.detail().contains("503"), result.detail());
  }

  @Test
  void shouldRefuseAnotherCertificateFromTheSameCaEvenAfterASessionWasResumable() throws Exception {
    SimulatedAgent agent = agents.add();
    String recorded = agent.identity().fingerprint();
    assertEquals(Kind.ANSWERED, probe(agent, recorded).kind());

    agent.presentCertificate(pki.issueAgent(agent.address()));
    ProbeResult result = probe(agent, recorded);

    assertEquals(Kind.WRONG_CERTIFICATE, result.kind(), result.detail());
    assertTrue(result.detail().contains(agent.identity().fingerprint()), result.detail());
  }

  @Test
  void shouldCountTheRecordedFingerprintNoLongerMatchingTheKeptConnectionAsAMiss()
      throws Exception {
    SimulatedAgent agent = agents.add();
    assertEquals(Kind.ANSWERED, probe(agent).kind());

    ProbeResult result = probe(agent, "00".repeat(32));

    assertEquals(Kind.WRONG_CERTIFICATE, result.kind(), result.detail());
    assertEquals(2, agent.fullHandshakes(), "the kept connection was not used, nor the session");
    assertEquals(Kind.ANSWERED, probe(agent).kind());
    assertEquals(3, agent.fullHandshakes(), "the session was dropped after the mismatch");
  }

  @Test
  void shouldPassARenewalWithoutAMissThoughTheOldSessionCouldBeResumed() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.closeEachConnection(true);
    assertEquals(Kind.ANSWERED, probe(agent).kind());

    // The agent renews its certificate but keeps its TLS context (and so its session tickets).
    var renewed = pki.issueAgent(agent.address());
    agent.presentCertificateKeepingSessions(renewed);
    ProbeResult result = probe(agent, renewed.fingerprint());

    assertEquals(Kind.ANSWERED, result.kind(), result.detail());
    assertEquals(2, agent.fullHandshakes(), "resumed with the old certificate, then a full one");
  }

  @Test
  void shouldFailTheHandshakeWithACertificateFromAnotherCa() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.presentCertificate(TestPki.create("elsewhere").issueAgent(agent.address()));

    ProbeResult result = probe(agent, agent.identity().fingerprint());

    assertEquals(Kind.TLS_FAILED, result.kind(), result.detail());
  }

  @Test
  void shouldPinTheLowerCaseHexOfTheSha256OfTheDerCertificate() throws Exception {
    X509Certificate certificate = pki.issueAgent("127.43.9.9").certificate();

    String fingerprint = AgentFingerprint.of(certificate);

    assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    assertEquals(HexFormat.of().formatHex(digest), fingerprint);
  }

  @Test
  void shouldProbeManyAgentsAtOnce() throws Exception {
    var many = agents.add(50);
    var results =
        many.stream()
            .map(
                a ->
                    probe.probe(new ProbeTarget(a.address(), a.port(), a.identity().fingerprint())))
            .toList();
    for (var result : results) {
      ProbeResult r = result.get(10, TimeUnit.SECONDS);
      assertEquals(Kind.ANSWERED, r.kind(), r.detail());
    }
  }
}
