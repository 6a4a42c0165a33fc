package io.stratus.console.web;

import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user of the request and what it may do, read once per request (rights are not
 * cached in the session, so a changed role takes effect on the next click).
 */
public final class Session {
  private static final String ACCESS = Access.class.getName();

  private final AccessLoader loader;

  public Session(AccessLoader loader) {
    this.loader = loader;
  }

  /** The signed-in user, or null on the sign-in page. */
  public static ConsoleUser user() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof ConsoleUser user ? user : null;
  }

  /** What the signed-in user may do, or null when nobody is signed in. */
  public Access access(HttpServletRequest request) {
    if (request.getAttribute(ACCESS) instanceof Access access) {
      return access;
    }
    ConsoleUser user = user();
    if (user == null) {
      return null;
    }
    Access access = loader.load(user.customerId(), user.userId());
    request.setAttribute(ACCESS, access);
    return access;
  }

  /** Who acts through the Dispatcher for this request. */
  public static DispatcherClient.Actor actor(Access access, HttpServletRequest request) {
    return new DispatcherClient.Actor(
        access.customerId(), access.userId(), request.getRemoteAddr());
  }
}
