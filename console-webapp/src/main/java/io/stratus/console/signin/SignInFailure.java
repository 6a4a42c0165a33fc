package io.stratus.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused sign-in goes back to the form with a short code ({@code /signin?error=failed}) and
 * nothing else: Spring Security's default handler keeps the exception in the session, and the
 * exception carries the attempt, password included, into {@code SPRING_SESSION_ATTRIBUTES}. A wrong
 * password, an unknown e-mail address and a locked-out account are one code, so the answer does not
 * tell which addresses have accounts.
 */
public final class SignInFailure implements AuthenticationFailureHandler {
  /** Wrong e-mail address or password, or sign-in paused for the account. */
  public static final String FAILED = "failed";

  /** The right password of a disabled user or customer. */
  public static final String DISABLED = "disabled";

  /** The database could not be reached. */
  public static final String UNAVAILABLE = "unavailable";

  private final RedirectStrategy redirects;

  public SignInFailure(RedirectStrategy redirects) {
    this.redirects = redirects;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    redirects.sendRedirect(request, response, "/signin?error=" + code(failure));
  }

  static String code(AuthenticationException failure) {
    if (failure instanceof DisabledException) {
      return DISABLED;
    }
    if (failure instanceof InternalAuthenticationServiceException) {
      return UNAVAILABLE;
    }
    return FAILED;
  }
}
