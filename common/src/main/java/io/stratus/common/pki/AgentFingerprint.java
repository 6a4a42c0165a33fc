package io.stratus.common.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The fingerprint that {@code guest_agent.cert_fingerprint} holds and the pinger and the workers
 * pin: the SHA-256 digest of the agent's leaf certificate in DER encoding, written as 64 lower-case
 * hexadecimal digits without separators ({@code
 * HexFormat.of().formatHex(sha256(certificate.getEncoded()))}). The Dispatcher records it at the
 * agent's handshake and renewal, computed the same way.
 */
public final class AgentFingerprint {
  private AgentFingerprint() {}

  /** The fingerprint of {@code certificate}. */
  public static String of(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
