package io.stratus.agent.identity;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The agent's TLS identity: its key, the certificate the Dispatcher had signed for it, the
 * installation CA, and which server and Dispatcher it belongs to.
 */
public record Identity(
    PrivateKey key,
    X509Certificate certificate,
    X509Certificate ca,
    long serverId,
    URI dispatcher) {

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** Whether the certificate is current at {@code now} and was signed by the CA. */
  public boolean isValidAt(Instant now) {
    try {
      certificate.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return false;
    }
    return !now.isBefore(certificate.getNotBefore().toInstant()) && now.isBefore(notAfter());
  }

  /** Whether less than a third of the certificate's lifetime is left at {@code now}. */
  public boolean needsRenewalAt(Instant now) {
    Duration lifetime =
        Duration.between(
            certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    Duration left = Duration.between(now, notAfter());
    return left.compareTo(lifetime.dividedBy(3)) < 0;
  }

  /** The certificate's serial number, in hex, for the log. */
  public String serial() {
    return certificate.getSerialNumber().toString(16);
  }
}
