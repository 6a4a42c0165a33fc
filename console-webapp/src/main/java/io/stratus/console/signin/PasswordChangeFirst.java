package io.stratus.console.signin;

import io.stratus.console.web.SameOriginRedirects;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user who signed in with a password someone else chose (a generated first password, an
 * administrator's reset: {@code user_account.password_must_change}) sees nothing but the page that
 * changes it until it has chosen its own: every other address, read or form, is sent to {@code
 * /me/password} and does nothing. Signing out, the assets and the error pages stay reachable. The
 * mark is put in the session at sign-in and taken away by {@link PasswordController} when the
 * change succeeds (a reset meanwhile ends the user's sessions, so it cannot go stale).
 */
public final class PasswordChangeFirst extends OncePerRequestFilter {
  /** The session attribute that marks a session whose user must change its password first. */
  public static final String REQUIRED = "stratus.password-change-first";

  static final String PAGE = "/me/password";
  private static final List<String> OPEN =
      List.of(PAGE, "/signout", "/signin", "/error", "/refused", "/favicon.ico");
  private static final List<String> OPEN_PREFIXES = List.of("/static/", "/webjars/");

  private final SameOriginRedirects redirects;

  PasswordChangeFirst(SameOriginRedirects redirects) {
    this.redirects = redirects;
  }

  /** Whether this session's user must still choose its own password. */
  public static boolean required(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && Boolean.TRUE.equals(session.getAttribute(REQUIRED));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!required(request)
        || OPEN.contains(path)
        || OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getHeader("HX-Request") != null) {
      // htmx would swap the password page into a fragment: have it load the page instead.
      response.setHeader("HX-Redirect", PAGE);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    redirects.sendRedirect(request, response, PAGE);
  }
}
