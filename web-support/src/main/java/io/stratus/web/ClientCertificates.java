package io.stratus.web;

import io.stratus.common.pki.ComponentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The calling component, read from the client certificate the TLS connector has already checked
 * against the installation CA.
 */
public final class ClientCertificates {
  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private ClientCertificates() {}

  /** The caller's identity, or empty when it sent no certificate or one without an identity. */
  public static Optional<ComponentIdentity> identity(HttpServletRequest request) {
    return certificate(request).flatMap(ComponentIdentity::of);
  }

  /** The caller's own (leaf) certificate, or empty when it sent none. */
  public static Optional<X509Certificate> certificate(HttpServletRequest request) {
    if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
      return Optional.of(chain[0]);
    }
    return Optional.empty();
  }
}
