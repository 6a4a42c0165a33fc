package io.stratus.console.web;

import io.stratus.common.access.Access;
import io.stratus.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the signed-in user ({@code me}) and its rights ({@code can}), so
 * a page offers only what the user may do ({@code can.may('server', 'launch')}).
 */
@ControllerAdvice
public class ConsoleModel {
  private final Session session;

  public ConsoleModel(Session session) {
    this.session = session;
  }

  @ModelAttribute("me")
  ConsoleUser me() {
    return Session.user();
  }

  @ModelAttribute("can")
  Access can(HttpServletRequest request) {
    return session.access(request);
  }

  /**
   * The address of the page being shown when it is one a GET shows (path and query), for a list or
   * the dashboard to refresh itself from (htmx, {@code hx-get}); null for a form shown again after
   * a POST, which must not refresh under the user's typing.
   */
  @ModelAttribute("self")
  String self(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return null;
    }
    String query = request.getQueryString();
    return request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  /** What {@link ConsoleErrors} adds itself: exception handlers get no model attributes. */
  void populate(org.springframework.ui.Model model, HttpServletRequest request) {
    model.addAttribute("me", me());
    model.addAttribute("can", can(request));
    model.addAttribute("csrfHeaders", csrfHeaders(request));
  }

  /** htmx sends the CSRF token in this header with every request it makes. */
  @ModelAttribute("csrfHeaders")
  String csrfHeaders(HttpServletRequest request) {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
    }
    return null;
  }
}
