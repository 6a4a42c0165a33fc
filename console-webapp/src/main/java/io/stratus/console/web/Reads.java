package io.stratus.console.web;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's reads of the main schema (replicas when configured): rows as column → value maps,
 * always narrowed to the signed-in user's customer by the caller's SQL.
 */
public final class Reads {
  private final JdbcClient jdbc;

  public Reads(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  /**
   * The named parameters every customer-scoped query uses: {@code :customer}, and {@code
   * :accessUser} / {@code :accessGroups} for {@link Access#filter}. Mutable: add a query's own.
   */
  public static Map<String, Object> params(Access access) {
    Map<String, Object> params = new HashMap<>(access.parameters());
    params.put("customer", access.customerId());
    return params;
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  public List<Map<String, Object>> rows(String sql, Map<String, ?> params) {
    return jdbc.sql(sql).params(params).query().listOfRows();
  }

  /**
   * @throws NotFound when the query finds nothing
   */
  public Map<String, Object> one(String sql, Map<String, ?> params, String what, Object id) {
    return rows(sql, params).stream().findFirst().orElseThrow(() -> new NotFound(what, id));
  }

  /** The user-owned resource tables {@link #requireOwned} checks. */
  private static final java.util.Set<String> USER_OWNED =
      java.util.Set.of("volume", "snapshot", "ip_address", "firewall");

  /**
   * Checks the user may act on one of its customer's resources owned by a user only (volume,
   * snapshot, IP address, firewall): 404 when its read qualifier does not reach it, 403 when the
   * action's qualifier does not.
   *
   * @param what the resource as a page names it, e.g. "IP address"
   */
  public void requireOwned(Access access, String table, String what, long id, String action) {
    if (!USER_OWNED.contains(table)) {
      throw new IllegalArgumentException("not a user-owned resource table: " + table);
    }
    Qualifier read = access.require(table, "read");
    Map<String, Object> params = params(access);
    params.put("id", id);
    Map<String, Object> row =
        one(
            "SELECT owner_user_id FROM "
                + table
                + " WHERE id = :id AND customer_id = :customer"
                + access.userFilter(read, ""),
            params,
            what,
            id);
    Long owner = row.get("owner_user_id") instanceof Number n ? n.longValue() : null;
    access.requireOn(table, action, owner, null);
  }

  /**
   * The last ten jobs about one resource the user may see (its own only, unless its job right
   * reaches any); none without the job read right.
   *
   * @param type the job's resource type, e.g. {@code server}
   */
  public List<Map<String, Object>> jobsAbout(Access access, String type, long id) {
    Qualifier jobs = access.qualifier("job", "read");
    if (jobs == null) {
      return List.of();
    }
    Map<String, Object> params = params(access);
    params.put("type", type);
    params.put("id", id);
    return rows(
        "SELECT id, action, status, progress, message, created_at FROM job"
            + " WHERE customer_id = :customer AND resource_type = :type AND resource_id = :id"
            + (jobs == Qualifier.ANY ? "" : " AND user_id = :accessUser")
            + " ORDER BY id DESC LIMIT 10",
        params);
  }

  public long count(String sql, Map<String, ?> params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }
}
