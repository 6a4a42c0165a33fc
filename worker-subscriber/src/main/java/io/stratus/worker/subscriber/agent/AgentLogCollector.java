package io.stratus.worker.subscriber.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.common.cache.CacheWork;
import io.stratus.worker.subscriber.CacheRefresher;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log-collection cache worker ({@code agent-logs}): for every reachable agent in one region,
 * pulls the new lines of each collected log from where the last collection stopped, keeps them per
 * server and log, and trims each to the newest {@code keepLines}. Lines and the next offset are
 * written in one transaction, so a collection cut short is repeated, never doubled.
 */
public final class AgentLogCollector implements CacheRefresher {
  private static final Logger log = LoggerFactory.getLogger(AgentLogCollector.class);
  static final int MAX_LINE = 4000;
  static final int READ_BYTES = 256 * 1024;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final Agents agents;
  private final List<String> logNames;
  private final int keepLines;
  private final Duration timeout;

  public AgentLogCollector(
      DataSource primary,
      TransactionTemplate transactions,
      Agents agents,
      List<String> logNames,
      int keepLines,
      Duration timeout) {
    this.jdbc = JdbcClient.create(primary);
    this.batch = new JdbcTemplate(primary);
    this.transactions = transactions;
    this.agents = agents;
    this.logNames = List.copyOf(logNames);
    this.keepLines = keepLines;
    this.timeout = timeout;
  }

  @Override
  public void refresh(CacheWork work) throws InterruptedException {
    for (AgentEndpoint agent : agents.reachableIn(work.regionId())) {
      for (String name : logNames) {
        try {
          collect(work.customerId(), agent, name);
        } catch (AgentCallException e) {
          if (e.status() == 404) {
            log.debug("Server {}'s agent offers no log '{}'", agent.serverId(), name);
          } else {
            log.info(
                "Log '{}' of server {} not collected now: {}",
                name,
                agent.serverId(),
                e.getMessage());
          }
        }
      }
    }
  }

  /** Collects one log of one agent until it has nothing new. */
  void collect(long customerId, AgentEndpoint agent, String name)
      throws AgentCallException, InterruptedException {
    long offset =
        jdbc.sql(
                "SELECT next_offset FROM agent_log_cursor WHERE server_id = :server AND log_name ="
                    + " :name")
            .param("server", agent.serverId())
            .param("name", name)
            .query(Long.class)
            .optional()
            .orElse(0L);
    for (int round = 0; round < 64; round++) {
      JsonNode page =
          agents
              .client()
              .get(agent, "/logs/" + name + "?offset=" + offset + "&limit=" + READ_BYTES, timeout);
      List<String> lines = new ArrayList<>();
      page.path("lines").forEach(line -> lines.add(clip(line.asText())));
      long next = page.path("nextOffset").asLong(offset);
      store(customerId, agent.serverId(), name, lines, next);
      if (lines.isEmpty() || next == offset) {
        return;
      }
      offset = next;
    }
  }

  private void store(long customerId, long serverId, String name, List<String> lines, long next) {
    transactions.executeWithoutResult(
        status -> {
          if (!lines.isEmpty()) {
            batch.batchUpdate(
                "INSERT INTO agent_log_line (customer_id, server_id, log_name, line)"
                    + " VALUES (?, ?, ?, ?)",
                lines,
                500,
                (PreparedStatement ps, String line) -> {
                  ps.setLong(1, customerId);
                  ps.setLong(2, serverId);
                  ps.setString(3, name);
                  ps.setString(4, line);
                });
          }
          jdbc.sql(
                  """
                  INSERT INTO agent_log_cursor (customer_id, server_id, log_name, next_offset)
                  VALUES (:customer, :server, :name, :next)
                  ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset)
                  """)
              .param("customer", customerId)
              .param("server", serverId)
              .param("name", name)
              .param("next", next)
              .update();
          trim(serverId, name);
        });
  }

  /** Drops all but the newest {@code keepLines} lines of one log. */
  private void trim(long serverId, String name) {
    jdbc.sql(
            """
            SELECT id FROM agent_log_line WHERE server_id = :server AND log_name = :name
             ORDER BY id DESC LIMIT 1 OFFSET :keep
            """)
        .param("server", serverId)
        .param("name", name)
        .param("keep", keepLines)
        .query(Long.class)
        .optional()
        .ifPresent(
            oldest ->
                jdbc.sql(
                        "DELETE FROM agent_log_line WHERE server_id = :server AND log_name = :name"
                            + " AND id <= :oldest")
                    .param("server", serverId)
                    .param("name", name)
                    .param("oldest", oldest)
                    .update());
  }

  private static String clip(String line) {
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...";
  }
}
