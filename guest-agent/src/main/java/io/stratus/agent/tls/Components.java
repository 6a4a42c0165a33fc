package io.stratus.agent.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Stratus component a certificate names, in its subject-alternative-name URI {@code
 * stratus:component:<name>} (as the installation PKI writes it), and which components may call the
 * agent.
 */
public final class Components {
  public static final String URI_PREFIX = "stratus:component:";

  /** The components allowed on 2003. */
  public static final Set<String> CALLERS = Set.of("dispatcher", "worker", "pinger");

  private Components() {}

  /** The component named in {@code certificate}, or empty. */
  public static Optional<String> of(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      for (List<?> name : names) {
        if ((Integer) name.get(0) == 6 && String.valueOf(name.get(1)).startsWith(URI_PREFIX)) {
          return Optional.of(String.valueOf(name.get(1)).substring(URI_PREFIX.length()));
        }
      }
      return Optional.empty();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }
}
