package io.stratus.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers every answer of a JSON service carries, refusals included: set before anything else
 * runs, so no path answers without them.
 *
 * <ul>
 *   <li>{@code Cache-Control: no-store} and {@code Pragma: no-cache}: answers may carry a secret (a
 *       new API key, a first or reset password) or a customer's data, and no cache or browser may
 *       keep them;
 *   <li>{@code X-Content-Type-Options: nosniff}: JSON is never sniffed as HTML or script;
 *   <li>{@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'} and {@code
 *       X-Frame-Options: DENY}: nothing an answer holds may load, run or be framed;
 *   <li>{@code Referrer-Policy: no-referrer};
 *   <li>{@code Strict-Transport-Security: max-age=31536000} over TLS.
 * </ul>
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {
  static final String HSTS = "max-age=31536000";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  /** Sets the headers on {@code response}. */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", HSTS);
    }
  }
}
