package io.stratus.dispatcher.agent;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the log lines workers collected from a server's agent, oldest first, a page at a time. */
public final class AgentLogs {
  private final JdbcClient jdbc;

  public AgentLogs(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /**
   * Lines of server {@code serverId} (of log {@code name}, or every log) after line id {@code
   * after}; {@code next} is the id to pass as {@code after} for the following page.
   */
  public Map<String, Object> read(long serverId, String name, long after, int limit) {
    List<Map<String, Object>> lines = new ArrayList<>();
    jdbc.sql(
            """
            SELECT id, log_name, line, collected_at FROM agent_log_line
             WHERE server_id = :server AND id > :after
               AND (:name IS NULL OR log_name = :name)
             ORDER BY id LIMIT :limit
            """)
        .param("server", serverId)
        .param("after", after)
        .param("name", name)
        .param("limit", limit)
        .query(
            (rs, row) -> {
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("id", rs.getLong("id"));
              line.put("log", rs.getString("log_name"));
              line.put("line", rs.getString("line"));
              Timestamp at = rs.getTimestamp("collected_at");
              line.put("collectedAt", at == null ? null : at.toInstant().toString());
              return line;
            })
        .list()
        .forEach(lines::add);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("serverId", serverId);
    answer.put("lines", lines);
    answer.put("next", lines.isEmpty() ? after : lines.get(lines.size() - 1).get("id"));
    return answer;
  }
}
