package io.stratus.km.audit;

import io.stratus.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Key Manager's audit log: the {@code access_log} table of {@code stratus_km}. A successful
 * access is written in the same transaction as the key operation itself ({@link #record}), so the
 * KM never hands out or changes a key without its audit line. A refused or failed access is written
 * on its own ({@link #recordRefusal}); if even that fails (the database is down) it goes to the
 * application log instead, so no access goes unrecorded.
 */
public final class AccessLog {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

  private final JdbcClient jdbc;

  public AccessLog(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /** Writes {@code entry} in the caller's transaction, if there is one. */
  public void record(AccessEntry entry) {
    jdbc.sql(
            """
            INSERT INTO access_log (key_id, component, host, remote_address, action, outcome)
            VALUES (:key, :component, :host, :address, :action, :outcome)
            """)
        .param("key", entry.keyId())
        .param("component", truncate(entry.caller().component(), 32))
        .param("host", truncate(entry.caller().host(), 255))
        .param("address", truncate(entry.caller().address(), 64))
        .param("action", entry.action().name())
        .param("outcome", entry.outcome().name())
        .update();
  }

  /** Records a refused or failed request on its own; never throws. */
  public void recordRefusal(HttpServletRequest request, Outcome outcome) {
    AccessEntry entry =
        new AccessEntry(
            KeyAction.keyId(request), Caller.of(request), KeyAction.of(request), outcome);
    try {
      record(entry);
    } catch (RuntimeException e) {
      log.warn("KM access (audit table unavailable, logged here instead): {}", entry);
    }
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
