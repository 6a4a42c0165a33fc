package io.stratus.console.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session {@code session.absolute-timeout} after its sign-in, however busy it has been: the
 * session is invalidated and the browser sent to sign in again.
 */
public final class AbsoluteTimeoutFilter extends OncePerRequestFilter {
  /** The session attribute holding when the user signed in (epoch milliseconds). */
  public static final String SIGNED_IN_AT = "stratus.signedInAt";

  private final Duration absolute;
  private final Clock clock;

  public AbsoluteTimeoutFilter(Duration absolute, Clock clock) {
    this.absolute = absolute;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SIGNED_IN_AT) instanceof Long signedIn
        && clock.millis() - signedIn > absolute.toMillis()) {
      session.invalidate();
      SecurityContextHolder.clearContext();
      response.sendRedirect(request.getContextPath() + "/signin?expired");
      return;
    }
    chain.doFilter(request, response);
  }
}
