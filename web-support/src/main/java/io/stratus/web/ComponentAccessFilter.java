package io.stratus.web;

import io.stratus.common.pki.ComponentIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only the components a service names. The TLS connector has already checked that the
 * client certificate chains to the installation CA (a client without one, or with another CA's,
 * never gets past the handshake); this filter reads the component identity in it, records it as the
 * request's {@link Caller}, and answers any other component 403.
 *
 * <p>A path may have its own rule ({@link #withPath}): other components than the service's callers
 * (the Dispatcher lets an agent renew its certificate, and nothing else), or none at all for a
 * client without a certificate (an agent's first handshake, on a connector that only asks for one).
 */
public final class ComponentAccessFilter extends OncePerRequestFilter {
  private final String service;
  private final Set<String> allowed;
  private final RefusalListener refusals;
  private final Map<String, Set<String>> paths = new HashMap<>();

  /**
   * @param service the service's name in messages, e.g. "the Key Manager"
   * @param allowed the components that may call it
   */
  public ComponentAccessFilter(String service, Set<String> allowed, RefusalListener refusals) {
    this.service = service;
    this.allowed = Set.copyOf(allowed);
    this.refusals = refusals;
  }

  /**
   * Gives one exact path its own callers instead of the service's: the listed components, or
   * anyone, with or without a certificate, when {@code components} is empty. Call it while the
   * service is set up, before requests arrive.
   */
  public ComponentAccessFilter withPath(String path, Set<String> components) {
    paths.put(path, Set.copyOf(components));
    return this;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ComponentIdentity> identity = ClientCertificates.identity(request);
    Caller caller =
        identity
            .map(id -> new Caller(id.component(), id.host(), request.getRemoteAddr()))
            .orElseGet(() -> new Caller("none", null, request.getRemoteAddr()));
    request.setAttribute(Caller.ATTRIBUTE, caller);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Set<String> allowed = paths.getOrDefault(path, this.allowed);
    if (allowed.isEmpty()) {
      chain.doFilter(request, response);
    } else if (identity.isEmpty()) {
      refuse(request, response, "a Stratus component certificate is required");
    } else if (!allowed.contains(caller.component())) {
      refuse(
          request,
          response,
          "component '"
              + caller.component()
              + "' may not call "
              + service
              + "; only the "
              + allowed.stream().sorted().collect(Collectors.joining(", "))
              + " components may");
    } else {
      chain.doFilter(request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    refusals.refused(request, HttpServletResponse.SC_FORBIDDEN, why);
    ErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN, why);
  }
}
