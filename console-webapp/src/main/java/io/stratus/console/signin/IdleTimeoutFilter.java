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
 * Ends a session {@code session.idle-timeout} after its user last did something. The lists and the
 * dashboard ask for themselves every few seconds ({@code console.js} marks those requests with
 * {@value #REFRESH_HEADER}); such a refresh is not the user's doing, so it keeps the session's rows
 * in MySQL alive but not the user's sign-in: a console left open on a list still signs its user
 * out. An ended session is invalidated and the request goes on signed out, so the browser is sent
 * to sign in and, after it, back to the page it asked for.
 */
public final class IdleTimeoutFilter extends OncePerRequestFilter {
  /** The session attribute holding when the user last did something (epoch milliseconds). */
  public static final String LAST_ACTIVE_AT = "stratus.lastActiveAt";

  /** The header {@code console.js} puts on a list's or the dashboard's own refresh. */
  public static final String REFRESH_HEADER = "X-Stratus-Refresh";

  /** Activity is written at most this often: each write is a row update in MySQL. */
  private static final long WRITE_EVERY_MILLIS = 5_000;

  private final Duration idle;
  private final Clock clock;

  public IdleTimeoutFilter(Duration idle, Clock clock) {
    this.idle = idle;
    this.clock = clock;
  }

  /** Marks the session active now; called at sign-in. */
  public static void active(HttpSession session) {
    session.setAttribute(LAST_ACTIVE_AT, System.currentTimeMillis());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(LAST_ACTIVE_AT) instanceof Long last) {
      long now = clock.millis();
      if (now - last > idle.toMillis()) {
        session.invalidate();
        SecurityContextHolder.clearContext();
      } else if (request.getHeader(REFRESH_HEADER) == null && now - last >= WRITE_EVERY_MILLIS) {
        session.setAttribute(LAST_ACTIVE_AT, now);
      }
    }
    chain.doFilter(request, response);
  }
}
