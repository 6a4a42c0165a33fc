package io.stratus.console.signin;

import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A user's console sessions, in every console (they live in MySQL): ended when the user changes its
 * password (all but the one it changed it in), and when an administrator disables the user or
 * resets its password (all of them), so the change takes effect at once, not at the next timeout.
 */
public final class SignedInSessions {
  private final JdbcIndexedSessionRepository sessions;

  public SignedInSessions(JdbcIndexedSessionRepository sessions) {
    this.sessions = sessions;
  }

  /**
   * Ends every session of the user but {@code keep} (may be null).
   *
   * @return how many were ended
   */
  public int endAll(long userId, String keep) {
    var found = sessions.findByPrincipalName(ConsoleUser.principalName(userId));
    int ended = 0;
    for (String id : found.keySet()) {
      if (!id.equals(keep)) {
        sessions.deleteById(id);
        ended++;
      }
    }
    return ended;
  }
}
