package io.stratus.dispatcher.agent;

import io.stratus.common.pki.AgentFingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The digests the agent registry keeps instead of secrets and certificates. */
final class Tokens {
  private Tokens() {}

  /** Lowercase hex SHA-256 of a bootstrap token's text. */
  static String sha256(String token) {
    return HexFormat.of().formatHex(digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * A certificate's fingerprint as the registry and the pinger keep it: lowercase hex SHA-256 of
   * its DER encoding, without separators.
   */
  static String fingerprint(X509Certificate certificate) {
    return AgentFingerprint.of(certificate);
  }

  /** Compares two hex digests in time independent of where they differ. */
  static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
