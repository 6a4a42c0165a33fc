package io.stratus.dispatcher.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.dispatcher.web.DispatchException;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

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
        .orElseThrow(() -> DispatchException.notFound(table.replace('_', ' '), id));
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
