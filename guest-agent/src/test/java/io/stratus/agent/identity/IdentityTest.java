package io.stratus.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityTest {
  @Test
  void shouldAskForRenewalWithLessThanAThirdOfItsLifeLeft() {
    X509Certificate certificate = TestCertificates.selfSigned(Duration.ofDays(90));
    Identity identity =
        new Identity(null, certificate, certificate, 1, URI.create("https://dispatcher:3302"));
    Instant start = certificate.getNotBefore().toInstant();
    assertFalse(identity.needsRenewalAt(start.plus(Duration.ofDays(59))));
    assertTrue(identity.needsRenewalAt(start.plus(Duration.ofDays(61))));
    assertTrue(identity.isValidAt(start.plus(Duration.ofDays(89))));
    assertFalse(identity.isValidAt(start.plus(Duration.ofDays(91))));
  }

  @Test
  void shouldBackOffDoublingUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long seconds : expected) {
      assertEquals(Duration.ofSeconds(seconds), backoff.next());
    }
    backoff.reset();
    assertEquals(Duration.ofSeconds(1), backoff.next());
  }
}
