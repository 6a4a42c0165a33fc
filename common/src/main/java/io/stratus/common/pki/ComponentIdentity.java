package io.stratus.common.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which Stratus component a certificate belongs to. The internal PKI writes it into every
 * certificate it issues as a subject-alternative-name URI {@code stratus:component:<name>}; servers
 * read it from the client's certificate to decide who may call.
 */
public record ComponentIdentity(String component, String host) {
  /** The URI scheme prefix of the identity in a certificate's subject alternative names. */
  public static final String URI_PREFIX = "stratus:component:";

  /** The components the PKI issues certificates for. */
  public static final List<String> COMPONENTS =
      List.of("km", "dispatcher", "worker", "pinger", "console", "api", "agent", "admin");

  /** The identity in {@code certificate}, or empty if it carries none. */
  public static Optional<ComponentIdentity> of(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      String component = null;
      String host = null;
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        String value = String.valueOf(name.get(1));
        if (type == 6 && value.startsWith(URI_PREFIX)) {
          component = value.substring(URI_PREFIX.length());
        } else if ((type == 2 || type == 7) && host == null) {
          host = value;
        }
      }
      return component == null
          ? Optional.empty()
          : Optional.of(new ComponentIdentity(component, host));
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }
}
