package io.stratus.dispatcher.agent;

import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.action.AuditLog;
import io.stratus.dispatcher.web.DispatchException;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent registry ({@code guest_agent}): brings an agent in with its one-time bootstrap token,
 * renews its certificate, and shows each server's agent. A token is good once, for its server only,
 * until it expires or the server ends; the registry keeps the agent's certificate fingerprint (what
 * the pinger and the workers pin), its address, version and state. The address an agent's
 * certificate is bound to and the workers call is the server's as the workers recorded it from the
 * cloud ({@code server.private_ip}), never one the caller names; the port is {@code agent.port}.
 */
public final class AgentRegistry {
  private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  /** What a handshake or renewal gives back. */
  public record Issued(long serverId, X509Certificate certificate) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final AgentAuthority authority;
  private final AgentSettings settings;
  private final AuditLog audit;
  private final Clock clock;

  public AgentRegistry(
      DataSource primary,
      TransactionTemplate transactions,
      AgentAuthority authority,
      AgentSettings settings,
      AuditLog audit,
      Clock clock) {
    this.jdbc = JdbcClient.create(primary);
    this.transactions = transactions;
    this.authority = authority;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * An agent's first handshake: checks the token, signs the request, and records the agent as
   * reachable at its address.
   *
   * @throws DispatchException 401 for a token that is wrong, used or expired (the same answer
   *     whether or not the server exists, unless the token was right), 400 for a bad request
   */
  public Issued handshake(AgentHandshake request, String remoteAddress) {
    long serverId = request.serverId() == null ? -1 : request.serverId();
    int port = settings.port();
    String version = checked(request.version(), VERSION, "version");
    if (request.token() == null || request.token().isBlank()) {
      throw DispatchException.badRequest("token is required");
    }
    if (request.csr() == null) {
      throw DispatchException.badRequest("csr is required");
    }
    AtomicReference<Refusal> refusal = new AtomicReference<>();
    Issued issued =
        transactions.execute(
            status -> {
              Map<String, Object> row =
                  jdbc
                      .sql(
                          """
                          SELECT t.token_sha256, t.expires_at <= :now AS expired, t.used_at,
                                 s.customer_id, s.state, s.private_ip
                            FROM agent_bootstrap_token t JOIN server s ON s.id = t.server_id
                           WHERE t.server_id = :server FOR UPDATE
                          """)
                      .param("server", serverId)
                      .param("now", Timestamp.from(clock.instant()))
                      .query()
                      .listOfRows()
                      .stream()
                      .findFirst()
                      .orElse(null);
              if (row == null
                  || !Tokens.same(
                      (String) row.get("token_sha256"), Tokens.sha256(request.token()))) {
                refusal.set(
                    new Refusal(null, "the bootstrap token is not valid for server " + serverId));
                return null;
              }
              long customer = ((Number) row.get("customer_id")).longValue();
              if (row.get("used_at") != null) {
                refusal.set(
                    new Refusal(
                        customer,
                        "the bootstrap token for server "
                            + serverId
                            + " was already used; an agent that lost its identity needs a new"
                            + " launch"));
              } else if (((Number) row.get("expired")).intValue() != 0) {
                refusal.set(
                    new Refusal(
                        customer,
                        "the bootstrap token for server "
                            + serverId
                            + " has expired (tokens last "
                            + settings.tokenTtl()
                            + "); launch the server again"));
              } else if ("terminated".equals(row.get("state"))) {
                refusal.set(new Refusal(customer, "server " + serverId + " is terminated"));
              }
              if (refusal.get() != null) {
                return null;
              }
              String address = cloudsAddress(serverId, row.get("private_ip"));
              X509Certificate certificate =
                  authority.sign(request.csr(), address, settings.certificateLifetime());
              jdbc.sql("UPDATE agent_bootstrap_token SET used_at = :now WHERE server_id = :server")
                  .param("now", Timestamp.from(clock.instant()))
                  .param("server", serverId)
                  .update();
              record(serverId, customer, certificate, address, port, version, true);
              audit.record(
                  agentActor(customer, serverId, remoteAddress),
                  "agent.handshake",
                  "server",
                  serverId,
                  "accepted",
                  "agent " + version + " at " + address + ":" + port + said(request, address));
              return new Issued(serverId, certificate);
            });
    Refusal refused = refusal.get();
    if (refused != null) {
      log.warn(
          "Agent handshake for server {} from {} refused: {}",
          serverId,
          remoteAddress,
          refused.why());
      if (refused.customer() != null) {
        audit.record(
            agentActor(refused.customer(), serverId, remoteAddress),
            "agent.handshake",
            "server",
            serverId,
            "refused",
            refused.why());
      }
      throw new DispatchException(401, refused.why());
    }
    return issued;
  }

  /** Why a handshake was refused, and whose server it named (null when the token was wrong). */
  private record Refusal(Long customer, String why) {}

  /**
   * A trusted agent renews its certificate: it is known by the fingerprint of the certificate it
   * called with.
   *
   * @throws DispatchException 403 if that certificate belongs to no registered agent
   */
  public Issued renew(X509Certificate current, AgentRenewal request, String remoteAddress) {
    int port = settings.port();
    String version = checked(request.version(), VERSION, "version");
    String fingerprint = Tokens.fingerprint(current);
    return transactions.execute(
        status -> {
          Map<String, Object> row =
              jdbc
                  .sql(
                      """
                      SELECT a.server_id, a.customer_id, s.state, s.private_ip
                        FROM guest_agent a JOIN server s ON s.id = a.server_id
                       WHERE a.cert_fingerprint = :fingerprint FOR UPDATE
                      """)
                  .param("fingerprint", fingerprint)
                  .query()
                  .listOfRows()
                  .stream()
                  .findFirst()
                  .orElseThrow(
                      () ->
                          DispatchException.forbidden(
                              "this certificate belongs to no registered agent"));
          long serverId = ((Number) row.get("server_id")).longValue();
          long customer = ((Number) row.get("customer_id")).longValue();
          if ("terminated".equals(row.get("state"))) {
            throw DispatchException.conflict("server " + serverId + " is terminated");
          }
          String address = cloudsAddress(serverId, row.get("private_ip"));
          X509Certificate certificate =
              authority.sign(request.csr(), address, settings.certificateLifetime());
          record(serverId, customer, certificate, address, port, version, false);
          audit.record(
              agentActor(customer, serverId, remoteAddress),
              "agent.renew",
              "server",
              serverId,
              "accepted",
              "certificate until " + certificate.getNotAfter().toInstant());
          return new Issued(serverId, certificate);
        });
  }

  /** The customer's server's agent, if the server has one. */
  public Optional<AgentView> find(long customerId, long serverId) {
    return jdbc.sql(
            """
            SELECT server_id, state, address, port, agent_version, cert_fingerprint,
                   cert_not_after, consecutive_misses, last_seen_at, handshake_at, state_changed_at
              FROM guest_agent WHERE server_id = :server AND customer_id = :customer
            """)
        .param("server", serverId)
        .param("customer", customerId)
        .query(AgentView::map)
        .optional();
  }

  private void record(
      long serverId,
      long customer,
      X509Certificate certificate,
      String address,
      int port,
      String version,
      boolean handshake) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            """
            INSERT INTO guest_agent (customer_id, server_id, address, port, cert_fingerprint,
                                     cert_not_after, agent_version, state, consecutive_misses,
                                     last_seen_at, handshake_at, state_changed_at)
            VALUES (:customer, :server, :address, :port, :fingerprint, :notAfter, :version,
                    'reachable', 0, :now, :now, :now)
            ON DUPLICATE KEY UPDATE
              address = VALUES(address), port = VALUES(port),
              cert_fingerprint = VALUES(cert_fingerprint), cert_not_after = VALUES(cert_not_after),
              agent_version = VALUES(agent_version), consecutive_misses = 0,
              last_seen_at = VALUES(last_seen_at),
              handshake_at = IF(:handshake, VALUES(handshake_at), handshake_at),
              state_changed_at = IF(state = 'reachable', state_changed_at, VALUES(state_changed_at)),
              state = 'reachable'
            """)
        .param("customer", customer)
        .param("server", serverId)
        .param("address", address)
        .param("port", port)
        .param("fingerprint", Tokens.fingerprint(certificate))
        .param("notAfter", Timestamp.from(certificate.getNotAfter().toInstant()))
        .param("version", version)
        .param("now", now)
        .param("handshake", handshake)
        .update();
  }

  private static Actor agentActor(long customer, long serverId, String remoteAddress) {
    return new Actor("agent", customer, null, "agent of server " + serverId, remoteAddress);
  }

  /**
   * The server's address as the cloud reported it: what the agent's certificate is bound to and
   * where the workers and the pinger call it.
   *
   * @throws DispatchException 503 while no address is recorded yet (the agent tries again)
   */
  private static String cloudsAddress(long serverId, Object privateIp) {
    if (privateIp == null || !ADDRESS.matcher(privateIp.toString()).matches()) {
      throw new DispatchException(
          503, "server " + serverId + " has no address from its cloud yet; try again shortly");
    }
    return privateIp.toString();
  }

  /** For the audit: what the agent named, when it was not the cloud's address. */
  private static String said(AgentHandshake request, String address) {
    return request.address() == null || request.address().equals(address)
        ? ""
        : ADDRESS.matcher(request.address()).matches()
            ? " (it named " + request.address() + ", not believed)"
            : " (it named a malformed address, not believed)";
  }

  private static String checked(String value, Pattern pattern, String field) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw DispatchException.badRequest(field + " is missing or malformed");
    }
    return value;
  }
}
