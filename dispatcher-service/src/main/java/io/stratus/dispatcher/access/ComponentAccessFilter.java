package io.stratus.dispatcher.access;

import io.stratus.common.pki.ComponentIdentity;
import io.stratus.web.ClientCertificates;
import io.stratus.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only the components that act through the Dispatcher: the console, the API and the
 * workers. The TLS connector has already refused a client without a certificate from the
 * installation CA; any other component's certificate gets 403 here.
 */
public final class ComponentAccessFilter extends OncePerRequestFilter {
  /** The components allowed to call: the architecture's rule, not a setting. */
  public static final Set<String> ALLOWED = Set.of("console", "api", "worker");

  /** The request attribute holding the caller's component name. */
  public static final String COMPONENT = "stratus.component";

  private static final Logger log = LoggerFactory.getLogger(ComponentAccessFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ComponentIdentity> identity = ClientCertificates.identity(request);
    if (identity.isEmpty()) {
      ErrorResponses.write(response, 403, "a Stratus component certificate is required");
      return;
    }
    String component = identity.get().component();
    if (!ALLOWED.contains(component)) {
      log.warn(
          "Refused {} {} from component '{}' at {}",
          request.getMethod(),
          request.getRequestURI(),
          component,
          request.getRemoteAddr());
      ErrorResponses.write(
          response,
          403,
          "component '"
              + component
              + "' may not call the Dispatcher; only the console, api and worker components may");
      return;
    }
    request.setAttribute(COMPONENT, component);
    chain.doFilter(request, response);
  }
}
