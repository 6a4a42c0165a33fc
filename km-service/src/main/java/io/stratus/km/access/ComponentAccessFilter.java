package io.stratus.km.access;

import io.stratus.common.pki.ComponentIdentity;
import io.stratus.km.audit.AccessLog;
import io.stratus.km.audit.Outcome;
import io.stratus.web.ClientCertificates;
import io.stratus.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only the components that may use the Key Manager: the Dispatcher and the workers.
 * The TLS connector has already checked that the client certificate chains to the installation CA
 * (a client without one, or with another CA's, never gets past the handshake); this filter reads
 * the component identity in it. Any other component gets 403, written to the audit log.
 */
public final class ComponentAccessFilter extends OncePerRequestFilter {
  /** The components allowed to call: the seed's rule, not a setting. */
  public static final Set<String> ALLOWED = Set.of("dispatcher", "worker");

  private final AccessLog accessLog;

  public ComponentAccessFilter(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ComponentIdentity> identity = ClientCertificates.identity(request);
    if (identity.isEmpty()) {
      request.setAttribute(Caller.ATTRIBUTE, new Caller("none", null, request.getRemoteAddr()));
      refuse(request, response, "a Stratus component certificate is required");
      return;
    }
    Caller caller =
        new Caller(identity.get().component(), identity.get().host(), request.getRemoteAddr());
    request.setAttribute(Caller.ATTRIBUTE, caller);
    if (!ALLOWED.contains(caller.component())) {
      refuse(
          request,
          response,
          "component '"
              + caller.component()
              + "' may not use the Key Manager; only "
              + "the dispatcher and worker components may");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    accessLog.recordRefusal(request, Outcome.FORBIDDEN);
    ErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN, why);
  }
}
