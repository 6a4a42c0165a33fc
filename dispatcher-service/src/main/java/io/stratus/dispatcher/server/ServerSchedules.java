package io.stratus.dispatcher.server;

import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.AuditLog;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.DispatchException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled termination and scheduled stop of servers: setting, changing and cancelling a schedule
 * (a route of {@link ServerController}), and carrying out those that are due ({@link #runDue},
 * called on an interval by {@link ScheduledServerActions}).
 *
 * <p>A due schedule becomes the same job a user's terminate or stop would: in the one transaction
 * that writes the job, its task and the audit event, the schedule is cleared, on the condition that
 * it is still due. So it is carried out exactly once: a second Dispatcher doing the same round
 * finds it cleared and its transaction is rolled back; a Dispatcher that dies before the commit
 * leaves it due for the next round (or the next Dispatcher to start).
 */
public final class ServerSchedules {
  private static final Logger log = LoggerFactory.getLogger(ServerSchedules.class);

  /** The furthest ahead a schedule may be set. */
  static final Duration LONGEST = Duration.ofDays(3660);

  private static final int BATCH = 100;

  private final Resources resources;
  private final ActionDispatcher dispatcher;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ServerSchedules(
      Resources resources,
      ActionDispatcher dispatcher,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock) {
    this.resources = resources;
    this.dispatcher = dispatcher;
    this.audit = audit;
    this.transactions = transactions;
    this.jdbc = resources.jdbc();
    this.clock = clock;
  }

  /**
   * Sets (or with {@code at} null cancels) a server's schedule; answers the server's schedules.
   *
   * @throws DispatchException 400 for a time in the past or too far ahead; 409 when the server has
   *     ended
   */
  public Map<String, Object> set(Actor actor, long serverId, ServerSchedule which, Instant at) {
    Map<String, Object> server = resources.owned("server", actor.customerId(), serverId);
    String state = String.valueOf(server.get("state"));
    if (at != null) {
      Instant now = clock.instant();
      if (!at.isAfter(now)) {
        throw DispatchException.badRequest(
            "the time must be in the future (it is now " + now + ")");
      }
      if (at.isAfter(now.plus(LONGEST))) {
        throw DispatchException.badRequest("the time must be within " + LONGEST.toDays() + " days");
      }
      if (which.outcome(state) == ServerSchedule.Outcome.DROP) {
        throw DispatchException.conflict(
            "server " + serverId + " is " + state + "; nothing can be scheduled for it");
      }
    }
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "UPDATE server SET "
                      + which.column()
                      + " = ?, "
                      + which.requestedBy()
                      + " = ? WHERE id = ? AND customer_id = ?")
              .params(
                  at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC),
                  at == null ? null : actor.userId(),
                  serverId,
                  actor.customerId())
              .update();
          audit.record(
              actor,
              which.auditAction(),
              "server",
              serverId,
              at == null ? "cancelled" : "scheduled",
              at == null ? null : "due " + at);
        });
    return view(actor.customerId(), serverId);
  }

  /** A server's schedules: {@code serverId}, {@code terminateAfter}, {@code pauseAfter}. */
  public Map<String, Object> view(long customerId, long serverId) {
    return jdbc.sql(
            "SELECT terminate_after, pause_after FROM server WHERE id = ? AND customer_id = ?")
        .params(serverId, customerId)
        .query(
            (rs, n) -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("serverId", serverId);
              view.put("terminateAfter", instant(rs.getObject(1, LocalDateTime.class)));
              view.put("pauseAfter", instant(rs.getObject(2, LocalDateTime.class)));
              return view;
            })
        .optional()
        .orElseThrow(() -> DispatchException.notFound("server", serverId));
  }

  /**
   * Carries out every schedule that is due now; a failure with one server is logged and leaves it
   * for the next round.
   *
   * @return how many jobs it started
   */
  public int runDue() {
    int started = 0;
    for (ServerSchedule which : ServerSchedule.values()) {
      List<Map<String, Object>> due =
          jdbc.sql(
                  "SELECT s.id, s.customer_id, s.state, s.provider_server_id, u.id AS user_id,"
                      + " u.email FROM server s LEFT JOIN user_account u ON u.id = s."
                      + which.requestedBy()
                      + " WHERE s."
                      + which.column()
                      + " <= NOW(3) ORDER BY s."
                      + which.column()
                      + " LIMIT "
                      + BATCH)
              .query()
              .listOfRows();
      for (Map<String, Object> server : due) {
        try {
          if (carryOut(which, server)) {
            started++;
          }
        } catch (RuntimeException e) {
          log.warn(
              "Scheduled {} of server {} not carried out now ({}); trying again next round",
              which.action().kind(),
              server.get("id"),
              e.getMessage());
        }
      }
    }
    return started;
  }

  private boolean carryOut(ServerSchedule which, Map<String, Object> server) {
    long serverId = ((Number) server.get("id")).longValue();
    long customerId = ((Number) server.get("customer_id")).longValue();
    Long userId =
        server.get("user_id") == null ? null : ((Number) server.get("user_id")).longValue();
    Actor actor = new Actor("schedule", customerId, userId, (String) server.get("email"), null);
    String state = String.valueOf(server.get("state"));
    ServerSchedule.Outcome outcome = which.outcome(state);
    if (outcome == ServerSchedule.Outcome.ACT
        && which != ServerSchedule.TERMINATE
        && server.get("provider_server_id") == null) {
      outcome = ServerSchedule.Outcome.WAIT;
    }
    switch (outcome) {
      case WAIT -> {
        return false;
      }
      case DROP -> {
        transactions.executeWithoutResult(
            status -> {
              if (clearIfDue(which, serverId) == 1) {
                audit.record(
                    actor,
                    which.auditAction(),
                    "server",
                    serverId,
                    "dropped",
                    "server is " + state);
              }
            });
        return false;
      }
      default -> {
        if (busy(serverId)) {
          return false;
        }
        try {
          dispatcher.dispatch(
              actor,
              which.action(),
              () -> {
                if (clearIfDue(which, serverId) == 0) {
                  throw new AlreadyCarriedOut();
                }
                return serverId;
              },
              ActionDispatcher.payload());
          return true;
        } catch (AlreadyCarriedOut e) {
          return false;
        }
      }
    }
  }

  private boolean busy(long serverId) {
    try {
      resources.refuseIfBusy("server", serverId);
      return false;
    } catch (DispatchException e) {
      return true;
    }
  }

  /** Clears the schedule if it is still due; in the caller's transaction. */
  private int clearIfDue(ServerSchedule which, long serverId) {
    return jdbc.sql(
            "UPDATE server SET "
                + which.column()
                + " = NULL, "
                + which.requestedBy()
                + " = NULL WHERE id = ? AND "
                + which.column()
                + " <= NOW(3)")
        .param(serverId)
        .update();
  }

  /**
   * Clears a schedule the action now taken makes moot (a terminate clears both, a stop the
   * scheduled stop); in the action's transaction.
   */
  public void clearFor(ServerSchedule which, long serverId) {
    jdbc.sql(
            "UPDATE server SET "
                + which.column()
                + " = NULL, "
                + which.requestedBy()
                + " = NULL WHERE id = ?")
        .param(serverId)
        .update();
  }

  private static String instant(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC).toString();
  }

  /** Another Dispatcher carried the schedule out first; this transaction is rolled back. */
  private static final class AlreadyCarriedOut extends RuntimeException {
    AlreadyCarriedOut() {
      super(null, null, false, false);
    }
  }
}
