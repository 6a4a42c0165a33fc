package io.stratus.console.signin;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in: kept in the session (in MySQL), so it holds only ids and names, never a
 * password or a right (rights are read again on every request, so a revoked right takes effect at
 * once). Its name, {@code user-<id>}, is what the session table indexes, so every session of one
 * user can be found and ended ({@link SignedInSessions}).
 */
public record ConsoleUser(long customerId, long userId, String email, String displayName)
    implements Serializable, AuthenticatedPrincipal {

  /** The session index's name for a user. */
  public static String principalName(long userId) {
    return "user-" + userId;
  }

  @Override
  public String getName() {
    return principalName(userId);
  }
}
