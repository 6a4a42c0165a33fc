package io.stratus.worker.subscriber.agent;

import io.stratus.common.keys.CustomerKeys;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the worker needs for guest agents: the client that calls them (absent when the worker has no
 * certificate), the customer keys that open a launch's sealed bootstrap token, and the registry's
 * record of where each agent listens.
 */
public final class Agents {
  /** A {@code guest_agent} row's address, port and certificate, as the queries below name them. */
  private static final RowMapper<AgentEndpoint> ENDPOINT =
      (rs, row) ->
          new AgentEndpoint(
              rs.getLong("server_id"),
              rs.getString("address"),
              rs.getInt("port"),
              rs.getString("cert_fingerprint"));

  private final JdbcClient jdbc;
  private final Optional<AgentClient> client;
  private final Optional<CustomerKeys> keys;

  public Agents(DataSource primary, Optional<AgentClient> client, Optional<CustomerKeys> keys) {
    this.jdbc = JdbcClient.create(primary);
    this.client = client;
    this.keys = keys;
  }

  /** No agents: a worker without a certificate or customer keys (some tests). */
  public static Agents none(DataSource primary) {
    return new Agents(primary, Optional.empty(), Optional.empty());
  }

  /**
   * @throws IllegalStateException if this worker cannot call agents
   */
  public AgentClient client() {
    return client.orElseThrow(
        () ->
            new IllegalStateException(
                "this worker has no certificate (tls.keystore) to call agents with"));
  }

  /**
   * The launch's bootstrap token in clear, to go into the VM's user data.
   *
   * @throws IllegalStateException if this worker has no customer keys (keys.kek.file)
   */
  public String openToken(long customerId, long serverId, String sealed) {
    return keys.orElseThrow(
            () ->
                new IllegalStateException(
                    "this worker has no customer keys (keys.kek.file) to open an agent bootstrap"))
        .open(customerId, "agent-bootstrap:" + serverId, sealed);
  }

  /**
   * Where server {@code serverId}'s agent listens and what certificate it must show; empty if it
   * has none.
   */
  public Optional<AgentEndpoint> endpoint(long serverId) {
    return jdbc.sql(
            """
            SELECT server_id, address, port, cert_fingerprint FROM guest_agent
             WHERE server_id = :server AND cert_fingerprint IS NOT NULL
            """)
        .param("server", serverId)
        .query(ENDPOINT)
        .optional();
  }

  /** The reachable agents of the servers in one region, for log collection. */
  public java.util.List<AgentEndpoint> reachableIn(long regionId) {
    return jdbc.sql(
            """
            SELECT a.server_id, a.address, a.port, a.cert_fingerprint
              FROM guest_agent a JOIN server s ON s.id = a.server_id
             WHERE s.region_id = :region AND a.state = 'reachable'
               AND a.cert_fingerprint IS NOT NULL AND s.state = 'running'
            """)
        .param("region", regionId)
        .query(ENDPOINT)
        .list();
  }
}
