package io.stratus.dispatcher.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.common.keys.CustomerKeys;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a launch prepares so the new VM's agent can be trusted: a one-time bootstrap token, kept
 * only as its SHA-256 with an expiry, and the server's agent row (pending). The token itself
 * travels to the worker sealed with the customer's keys ({@link CustomerKeys#seal}) in the launch
 * task, and from there, in clear, only into the VM's user data, with the Dispatcher's address and
 * the CA certificate the agent is to trust.
 */
public final class AgentBootstrap {
  /** The purpose a token is sealed for; the worker opens it with the same. */
  public static String purpose(long serverId) {
    return "agent-bootstrap:" + serverId;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final CustomerKeys keys;
  private final AgentSettings settings;
  private final AgentAuthority authority;
  private final Clock clock;

  public AgentBootstrap(
      DataSource primary,
      CustomerKeys keys,
      AgentSettings settings,
      AgentAuthority authority,
      Clock clock) {
    this.jdbc = JdbcClient.create(primary);
    this.keys = keys;
    this.settings = settings;
    this.authority = authority;
    this.clock = clock;
  }

  /** False when no CA is configured: launches then carry no agent bootstrap. */
  public boolean enabled() {
    return authority.available();
  }

  /**
   * Writes the token's hash and the pending agent row for a server just inserted, and adds the
   * sealed bootstrap to the launch task's {@code parameters} under {@code agent}. Runs in the
   * launch's transaction.
   */
  public void prepare(long customerId, long serverId, ObjectNode parameters) {
    if (!enabled()) {
      return;
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    jdbc.sql(
            """
            INSERT INTO agent_bootstrap_token (server_id, customer_id, token_sha256, expires_at)
            VALUES (:server, :customer, :hash, :expires)
            """)
        .param("server", serverId)
        .param("customer", customerId)
        .param("hash", Tokens.sha256(token))
        .param("expires", Timestamp.from(clock.instant().plus(settings.tokenTtl())))
        .update();
    jdbc.sql(
            "INSERT INTO guest_agent (customer_id, server_id, state) VALUES (:customer, :server,"
                + " 'pending')")
        .param("customer", customerId)
        .param("server", serverId)
        .update();
    ObjectNode agent = parameters.putObject("agent");
    agent.put("url", settings.baseUrl());
    agent.put("ca", authority.caCertificateBase64());
    agent.put("token", keys.seal(customerId, purpose(serverId), token));
  }
}
