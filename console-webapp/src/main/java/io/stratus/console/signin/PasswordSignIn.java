package io.stratus.console.signin;

import io.stratus.common.identity.Passwords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks an e-mail and password against {@code user_account} (Argon2id hashes) and throttles each
 * account: after {@code maxFailures} wrong passwords in a row its sign-in refuses every password,
 * right or wrong, for {@code lockout}, doubling with each further failure up to a day. The counter
 * lives in MySQL, so every console shares it and a restart does not reset it. An unknown e-mail and
 * a paused account cost the same Argon2id verification as a known one (against a dummy hash) and
 * get the same answer, so neither the words nor the time tell which addresses have accounts.
 */
public final class PasswordSignIn implements AuthenticationProvider {
  private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);
  static final String WRONG = "wrong e-mail address or password";
  private static final Duration MAX_LOCKOUT = Duration.ofHours(24);
  private static final String DUMMY_HASH = Passwords.hash("no such user: spend the same time");

  private final JdbcClient jdbc;
  private final SignInAudit audit;
  private final int maxFailures;
  private final Duration lockout;

  public PasswordSignIn(DataSource primary, SignInAudit audit, int maxFailures, Duration lockout) {
    this.jdbc = JdbcClient.create(primary);
    this.audit = audit;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  @Override
  public Authentication authenticate(Authentication request) {
    try {
      return check(request);
    } catch (DataAccessException e) {
      log.warn("Sign-in could not reach the database: {}", e.getMessage());
      throw new InternalAuthenticationServiceException(
          "the database is unavailable; try again shortly");
    }
  }

  private Authentication check(Authentication request) {
    String email = request.getName() == null ? "" : request.getName().trim();
    String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
    String address =
        request.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : null;
    Optional<Map<String, Object>> found =
        jdbc
            .sql(
                """
                SELECT u.id, u.customer_id, u.email, u.display_name, u.password_hash, u.status,
                       c.status AS customer_status,
                       TIMESTAMPDIFF(SECOND, NOW(3), u.locked_until) AS throttled_seconds
                  FROM user_account u JOIN customer c ON c.id = u.customer_id
                 WHERE u.email = ?
                """)
            .param(email)
            .query()
            .listOfRows()
            .stream()
            .findFirst();
    if (found.isEmpty()) {
      Passwords.matches(password, DUMMY_HASH);
      audit.record(null, null, email, "signin", address, "failure", "unknown e-mail address");
      throw new BadCredentialsException(WRONG);
    }
    Map<String, Object> user = found.get();
    long userId = ((Number) user.get("id")).longValue();
    long customerId = ((Number) user.get("customer_id")).longValue();
    if (user.get("throttled_seconds") instanceof Number wait && wait.longValue() >= 0) {
      Passwords.matches(password, DUMMY_HASH);
      audit.record(customerId, userId, email, "signin", address, "refused", "throttled");
      throw new BadCredentialsException(WRONG);
    }
    if (!Passwords.matches(password, (String) user.get("password_hash"))) {
      recordFailure(userId);
      audit.record(customerId, userId, email, "signin", address, "failure", "wrong password");
      throw new BadCredentialsException(WRONG);
    }
    if (!"active".equals(user.get("status")) || !"active".equals(user.get("customer_status"))) {
      audit.record(customerId, userId, email, "signin", address, "refused", "account disabled");
      throw new DisabledException("this account is disabled; ask your administrator");
    }
    jdbc.sql(
            """
            UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_login_at = NOW(3)
             WHERE id = ?
            """)
        .param(userId)
        .update();
    audit.record(customerId, userId, email, "signin", address, "success", null);
    ConsoleUser who =
        new ConsoleUser(
            customerId, userId, (String) user.get("email"), (String) user.get("display_name"));
    UsernamePasswordAuthenticationToken signedIn =
        UsernamePasswordAuthenticationToken.authenticated(
            who, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    signedIn.setDetails(request.getDetails());
    return signedIn;
  }

  /**
   * Whether the user signs in with a password someone else chose (a generated first one, a reset)
   * and must choose its own before anything else ({@link PasswordChangeFirst}).
   */
  public boolean mustChangePassword(long userId) {
    return jdbc.sql("SELECT password_must_change FROM user_account WHERE id = ?")
        .param(userId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /**
   * Counts one more wrong password in one statement (concurrent attempts each count) and, from the
   * {@code maxFailures}-th on, sets the throttle: lockout × 2^(failures − max), at most a day.
   */
  private void recordFailure(long userId) {
    // locked_until is assigned first, so it sees failed_logins before this increment.
    jdbc.sql(
            """
            UPDATE user_account
               SET locked_until =
                     IF(failed_logins + 1 >= :max,
                        NOW(3) + INTERVAL LEAST(:lockout * POW(2, LEAST(failed_logins + 1 - :max, 20)),
                                                :maxLockout) SECOND,
                        NULL),
                   failed_logins = failed_logins + 1
             WHERE id = :id
            """)
        .param("max", maxFailures)
        .param("lockout", lockout.toSeconds())
        .param("maxLockout", MAX_LOCKOUT.toSeconds())
        .param("id", userId)
        .update();
  }
}
