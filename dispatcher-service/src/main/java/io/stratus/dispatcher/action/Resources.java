package io.stratus.dispatcher.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import io.stratus.dispatcher.web.States;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Reads the rows an action names, only within the acting customer: another customer's id is the
 * same 404 as an id that does not exist, so ids reveal nothing.
 */
public final class Resources {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Set<String> TABLES =
      Set.of(
          "cloud_account",
          "region",
          "data_center",
          "machine_image",
          "server_product",
          "server",
          "volume",
          "snapshot",
          "ip_address",
          "firewall",
          "firewall_rule");

  private static final Map<String, String> LABELS =
      Map.of(
          "cloud_account", "cloud account",
          "data_center", "data centre",
          "machine_image", "image",
          "server_product", "product",
          "ip_address", "IP address",
          "firewall_rule", "rule");

  /** A region of the customer's, the account it belongs to, and what that account can do. */
  public record Placement(long regionId, long accountId, CapabilitySnapshot can) {}

  /** A resource checked ready for an action, and what its account can do. */
  public record Target(Map<String, Object> row, CapabilitySnapshot can) {
    public long id(String column) {
      return Resources.id(row, column);
    }
  }

  private final JdbcClient jdbc;

  public Resources(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /**
   * The customer's row {@code id} of {@code table}, as column name to value.
   *
   * @throws DispatchException 404 when there is none for this customer
   */
  public Map<String, Object> owned(String table, long customerId, long id) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("not a customer resource table: " + table);
    }
    return jdbc
        .sql("SELECT * FROM " + table + " WHERE id = ? AND customer_id = ?")
        .param(id)
        .param(customerId)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElseThrow(() -> DispatchException.notFound(label(table), id));
  }

  /**
   * The customer's region {@code regionId} and its active account's capabilities: where a new
   * resource goes.
   */
  public Placement region(long customerId, Long regionId) {
    Map<String, Object> region = owned("region", customerId, Checks.required(regionId, "regionId"));
    long accountId = id(region, "cloud_account_id");
    return new Placement(regionId, accountId, capabilities(customerId, accountId));
  }

  /**
   * The customer's resource, checked ready for an action: its account active, its state one of
   * {@code allowedStates} (any, when none are given), and no job of its still running.
   *
   * @param verb what the action does to it, for the message, e.g. "attached"
   * @throws DispatchException 404, or 409 saying why
   */
  public Target actionable(
      String table, long customerId, long id, String verb, String... allowedStates) {
    Map<String, Object> row = owned(table, customerId, id);
    CapabilitySnapshot can = capabilities(customerId, id(row, "cloud_account_id"));
    if (allowedStates.length > 0) {
      States.require(row, label(table), verb, allowedStates);
    }
    refuseIfBusy(table, id);
    return new Target(row, can);
  }

  /** Inserts one row (in the caller's transaction) and returns its generated id. */
  public long insert(String sql, Object... params) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(keys, "id");
    return keys.getKey().longValue();
  }

  /**
   * @throws DispatchException 409 when a job of the resource is still running
   */
  public void refuseIfBusy(String table, long id) {
    jdbc.sql(
            """
            SELECT id FROM job
             WHERE resource_type = ? AND resource_id = ? AND status = 'RUNNING'
             ORDER BY id LIMIT 1
            """)
        .params(table, id)
        .query(Long.class)
        .optional()
        .ifPresent(
            job -> {
              throw DispatchException.conflict(
                  label(table) + " " + id + " has job " + job + " still running; wait for it");
            });
  }

  static String label(String table) {
    return LABELS.getOrDefault(table, table);
  }

  /**
   * The account's capabilities as taken at registration, for a row of one of its resources.
   *
   * @throws DispatchException 409 when the account is not (yet) active
   */
  public CapabilitySnapshot capabilities(long customerId, long accountId) {
    Map<String, Object> account = owned("cloud_account", customerId, accountId);
    if (!"active".equals(account.get("status")) || account.get("capabilities") == null) {
      throw DispatchException.conflict(
          "cloud account "
              + accountId
              + " is "
              + account.get("status")
              + "; actions need an active account");
    }
    try {
      return JSON.readValue((String) account.get("capabilities"), CapabilitySnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cloud account " + accountId + " has unreadable capabilities", e);
    }
  }

  /**
   * The customer's server {@code serverId} (required), checked to be in {@code target}'s region:
   * the server an address is assigned to or a volume attached to.
   */
  public Map<String, Object> serverBeside(long customerId, Long serverId, Target target) {
    Map<String, Object> server = owned("server", customerId, Checks.required(serverId, "serverId"));
    return inRegion(server, target.id("region_id"), "server");
  }

  /** {@code row}, checked to be in region {@code regionId}. */
  public static Map<String, Object> inRegion(Map<String, Object> row, long regionId, String what) {
    if (id(row, "region_id") != regionId) {
      throw DispatchException.badRequest(
          what + " " + row.get("id") + " is not in region " + regionId);
    }
    return row;
  }

  /** A row's id column as a long. */
  public static long id(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      throw new IllegalStateException("no " + column);
    }
    return ((Number) value).longValue();
  }

  public JdbcClient jdbc() {
    return jdbc;
  }
}
