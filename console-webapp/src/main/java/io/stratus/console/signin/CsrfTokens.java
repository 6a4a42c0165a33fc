package io.stratus.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked CSRF tokens (a fresh mask on every page, against BREACH), except that a
 * malformed token sent back is a wrong one: Spring's decoder throws on a token that is valid Base64
 * but does not decode to UTF-8, which escaped as an unauthenticated 500 with a stack trace in the
 * log. Now every malformed token is refused like a missing one: 403 on the console's refusal page.
 */
public final class CsrfTokens implements CsrfTokenRequestHandler {
  private final XorCsrfTokenRequestAttributeHandler masked =
      new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
    masked.handle(request, response, token);
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
    try {
      return masked.resolveCsrfTokenValue(request, token);
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
