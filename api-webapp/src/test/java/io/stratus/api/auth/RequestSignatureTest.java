package io.stratus.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestSignatureTest {
  private static final String ACCESS = "ABCDEFGHIJKLMNOPQRST";
  private static final String SECRET = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
  private static final String PATH = "/api/enstratus/2013-03-13/geography/Cloud";

  @Test
  void shouldSignTheKnownVector() {
    assertEquals(
        "ABCDEFGHIJKLMNOPQRST:GET:/api/enstratus/2013-03-13/geography/Cloud:1364000000000:enstratus.py",
        RequestSignature.stringToSign(ACCESS, "GET", PATH, 1364000000000L, "enstratus.py"));
    assertEquals(
        "eBlKRqR/XTdwYWMa5qXxcJm/UdqyRCTtl/KQmhZ5JQE=",
        RequestSignature.sign(SECRET, ACCESS, "GET", PATH, 1364000000000L, "enstratus.py"));
  }

  @Test
  void shouldChangeWithEveryPartOfTheRequest() {
    String base =
        RequestSignature.sign(SECRET, ACCESS, "GET", PATH, 1364000000000L, "enstratus.py");
    assertNotEquals(
        base, RequestSignature.sign(SECRET, ACCESS, "POST", PATH, 1364000000000L, "enstratus.py"));
    assertNotEquals(
        base,
        RequestSignature.sign(SECRET, ACCESS, "GET", PATH + "/1", 1364000000000L, "enstratus.py"));
    assertNotEquals(
        base, RequestSignature.sign(SECRET, ACCESS, "GET", PATH, 1364000000001L, "enstratus.py"));
    assertNotEquals(
        base, RequestSignature.sign(SECRET, ACCESS, "GET", PATH, 1364000000000L, "curl"));
    assertNotEquals(
        base,
        RequestSignature.sign(SECRET + "x", ACCESS, "GET", PATH, 1364000000000L, "enstratus.py"));
  }

  @Test
  void shouldCompareSignaturesExactly() {
    String good = "eBlKRqR/XTdwYWMa5qXxcJm/UdqyRCTtl/KQmhZ5JQE=";
    assertTrue(RequestSignature.matches(good, good));
    assertFalse(RequestSignature.matches(good, good.substring(1)));
    assertFalse(RequestSignature.matches(good, "ébc"));
  }

  @Test
  void shouldRefuseASignatureSeenWithinTheWindowOnly() {
    ReplayGuard guard = new ReplayGuard(300_000);
    long now = 1_000_000_000L;
    assertTrue(guard.firstSeen("sig", now, now));
    assertFalse(guard.firstSeen("sig", now, now + 1000));
    assertTrue(guard.firstSeen("other", now, now + 1000));
    // Long after the window, the sweep forgets it (its timestamp would be refused as stale anyway).
    assertTrue(guard.firstSeen("sig", now, now + 400_000));
  }

  @Test
  void shouldAcceptJsonOrAnythingButRefuseOnlyOtherTypes() {
    assertTrue(SignatureFilter.acceptsJson(null));
    assertTrue(SignatureFilter.acceptsJson("application/json"));
    assertTrue(SignatureFilter.acceptsJson("text/html, */*;q=0.1"));
    assertFalse(SignatureFilter.acceptsJson("application/xml"));
  }
}
