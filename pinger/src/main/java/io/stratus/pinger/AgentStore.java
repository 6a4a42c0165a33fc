package io.stratus.pinger;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pinger's view of {@code guest_agent}: which agents to ping, and the outcomes written back in
 * batches.
 *
 * <p>Every write is conditional on the row still holding the certificate fingerprint that was
 * pinged (an agent that renewed its certificate meanwhile is left alone), and a state change is
 * conditional on the state it changes from. The update count says whether this pinger made the
 * change, so when several pingers write the same row only one of them reports it.
 */
final class AgentStore {
  /** Answered, and was not reachable: becomes reachable. */
  private static final String RECOVERED =
      """
      UPDATE guest_agent
         SET state = 'reachable', state_changed_at = ?, last_seen_at = ?, consecutive_misses = 0
       WHERE id = ? AND cert_fingerprint = ? AND state <> 'reachable'
      """;

  /** Answered, and was reachable. */
  private static final String SEEN =
      """
      UPDATE guest_agent SET last_seen_at = ?, consecutive_misses = 0
       WHERE id = ? AND cert_fingerprint = ? AND state = 'reachable'
      """;

  /** Missed, and this miss reaches the threshold: becomes unreachable. */
  private static final String LOST =
      """
      UPDATE guest_agent
         SET state = 'unreachable', state_changed_at = ?, consecutive_misses = consecutive_misses + 1
       WHERE id = ? AND cert_fingerprint = ? AND state IN ('reachable', 'pending')
         AND consecutive_misses + 1 >= ?
      """;

  /** Missed, no change of state. */
  private static final String MISSED =
      """
      UPDATE guest_agent SET consecutive_misses = consecutive_misses + 1
       WHERE id = ? AND cert_fingerprint = ?
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transactions;

  AgentStore(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
    this.batches = new JdbcTemplate(primary);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(primary));
  }

  /**
   * Every agent with an address and a certificate fingerprint whose {@code server_id} falls in this
   * pinger's partition ({@code server_id % partitions = partition}), in id order.
   */
  List<Agent> load(int partitions, int partition) {
    return jdbc.sql(
            """
            SELECT a.id, a.customer_id, a.server_id, a.address, a.port, a.cert_fingerprint,
                   a.state, a.consecutive_misses, a.last_seen_at
              FROM guest_agent a JOIN server s ON s.id = a.server_id
             WHERE a.address IS NOT NULL AND a.cert_fingerprint IS NOT NULL
               AND s.state <> 'terminated'
               AND MOD(a.server_id, :partitions) = :partition
             ORDER BY a.id
            """)
        .param("partitions", partitions)
        .param("partition", partition)
        .query(
            (rs, row) -> {
              Timestamp seen = rs.getTimestamp("last_seen_at");
              return new Agent(
                  rs.getLong("id"),
                  rs.getLong("customer_id"),
                  rs.getLong("server_id"),
                  rs.getString("address"),
                  rs.getInt("port"),
                  rs.getString("cert_fingerprint"),
                  AgentState.of(rs.getString("state")),
                  rs.getInt("consecutive_misses"),
                  seen == null ? null : seen.toInstant());
            })
        .list();
  }

  /**
   * Writes a batch of outcomes in one transaction (one JDBC batch per kind of update) and returns
   * the state changes it made.
   *
   * <p>An answer resets the misses and records {@code last_seen_at}; an agent that was not
   * reachable becomes reachable. A miss adds one to the misses; a reachable or pending agent whose
   * misses reach {@code missesBeforeUnreachable} becomes unreachable. Which statement applies is
   * decided from the state the sweep loaded; if the row changed since, the conditional update
   * matches nothing and the plain update is applied instead.
   */
  List<Change> record(List<PingOutcome> outcomes, int missesBeforeUnreachable) {
    List<PingOutcome> recovered = new ArrayList<>();
    List<PingOutcome> seen = new ArrayList<>();
    List<PingOutcome> lost = new ArrayList<>();
    List<PingOutcome> missed = new ArrayList<>();
    for (PingOutcome outcome : outcomes) {
      Agent agent = outcome.agent();
      if (outcome.result().answered()) {
        (agent.state() == AgentState.REACHABLE ? seen : recovered).add(outcome);
      } else if (agent.state() != AgentState.UNREACHABLE
          && agent.misses() + 1 >= missesBeforeUnreachable) {
        lost.add(outcome);
      } else {
        missed.add(outcome);
      }
    }
    return transactions.execute(
        status -> {
          List<Change> changes = new ArrayList<>();
          int[] counts =
              update(
                  RECOVERED,
                  recovered,
                  o -> new Object[] {time(o), time(o), o.agent().id(), o.agent().fingerprint()});
          for (int i = 0; i < counts.length; i++) {
            PingOutcome o = recovered.get(i);
            if (counts[i] > 0) {
              changes.add(new Change(o.agent(), AgentState.REACHABLE, o.at(), 0));
            } else {
              seen.add(o);
            }
          }
          counts =
              update(
                  LOST,
                  lost,
                  o ->
                      new Object[] {
                        time(o), o.agent().id(), o.agent().fingerprint(), missesBeforeUnreachable
                      });
          for (int i = 0; i < counts.length; i++) {
            PingOutcome o = lost.get(i);
            if (counts[i] > 0) {
              changes.add(
                  new Change(
                      o.agent(),
                      AgentState.UNREACHABLE,
                      o.agent().lastSeenAt(),
                      o.agent().misses() + 1));
            } else {
              missed.add(o);
            }
          }
          update(SEEN, seen, o -> new Object[] {time(o), o.agent().id(), o.agent().fingerprint()});
          update(MISSED, missed, o -> new Object[] {o.agent().id(), o.agent().fingerprint()});
          return changes;
        });
  }

  private int[] update(String sql, List<PingOutcome> outcomes, Function<PingOutcome, Object[]> f) {
    if (outcomes.isEmpty()) {
      return new int[0];
    }
    return batches.batchUpdate(sql, outcomes.stream().map(f).toList());
  }

  private static Timestamp time(PingOutcome outcome) {
    return Timestamp.from(outcome.at());
  }
}
