package io.stratus.common.task;

import com.rabbitmq.client.ShutdownSignalException;
import io.stratus.common.km.KmUnavailableException;
import io.stratus.common.messaging.MessagingException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure of the platform's own parts (its database, its broker, its Key Manager) from the
 * task's own failure. An outage says nothing about the task: it only delays it, so it neither fails
 * the task nor uses up one of its attempts. What the cloud answered is never an outage, whatever it
 * chained: a driver reports it as its own exception type, which this does not know.
 */
public final class PlatformOutage {
  private PlatformOutage() {}

  /** Whether {@code failure}, or anything it was caused by, says a platform part is away. */
  public static boolean causedBy(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (isOutage(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOutage(Throwable t) {
    return t instanceof DataAccessResourceFailureException // CannotGetJdbcConnectionException too
        || t instanceof TransientDataAccessException
        || t instanceof RecoverableDataAccessException
        || t instanceof SQLTransientException
        || t instanceof SQLRecoverableException
        || (t instanceof SQLException sql && isConnectionState(sql.getSQLState()))
        || t instanceof ShutdownSignalException // AMQP connection or channel closed
        || t instanceof MessagingException
        || t instanceof KmUnavailableException;
  }

  /** SQL state class 08: connection exception. */
  private static boolean isConnectionState(String sqlState) {
    return sqlState != null && sqlState.startsWith("08");
  }
}
