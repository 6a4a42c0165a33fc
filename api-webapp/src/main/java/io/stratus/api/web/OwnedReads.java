package io.stratus.api.web;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of a resource a user owns (a column {@code owner_user_id}), the same way for each: the
 * customer's rows only, narrowed to what the caller's qualifier reaches; one row of another
 * customer is a 404, one the qualifier does not reach a 403.
 */
public final class OwnedReads {
  private final JdbcClient jdbc;

  public OwnedReads(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  /**
   * @param select a SELECT whose table alias is {@code x}, ending in a WHERE that names {@code
   *     x.customer_id = :customer}
   * @param extra further conditions (leading AND), using {@code params}
   */
  public List<Map<String, Object>> list(
      Access access,
      String resource,
      String select,
      String extra,
      Map<String, Object> params,
      RowMapper<Map<String, Object>> view) {
    Qualifier q = access.require(resource, "read");
    Map<String, Object> all = new HashMap<>(params);
    all.put("customer", access.customerId());
    all.put("accessUser", access.userId());
    return jdbc.sql(select + extra + access.userFilter(q, "x") + " ORDER BY x.id")
        .params(all)
        .query(view)
        .list();
  }

  /**
   * {@link #list} of the resources in one region when {@code regionId} (the request's {@code
   * regionId} parameter, as given) is set, else in every region.
   */
  public List<Map<String, Object>> listInRegion(
      Access access,
      String resource,
      String select,
      String regionId,
      RowMapper<Map<String, Object>> view) {
    Map<String, Object> params = new HashMap<>();
    params.put("region", regionId == null ? null : Json.pathId(regionId, "regionId"));
    return list(
        access, resource, select, " AND (:region IS NULL OR x.region_id = :region)", params, view);
  }

  /** One row, checked against the action's qualifier (read, or an action about to be taken). */
  public Map<String, Object> get(
      Access access,
      String resource,
      String action,
      String select,
      long id,
      String what,
      RowMapper<Map<String, Object>> view) {
    Qualifier q = access.require(resource, action);
    return jdbc.sql(select + " AND x.id = :id")
        .param("customer", access.customerId())
        .param("id", id)
        .query(
            (rs, n) -> {
              long owner = rs.getLong("owner_user_id");
              Long ownerUser = rs.wasNull() ? null : owner;
              if (!access.owns(q, ownerUser, null)) {
                throw ApiException.forbidden(
                    "you may " + action + " only your own " + resource + " resources");
              }
              return view.mapRow(rs, n);
            })
        .optional()
        .orElseThrow(() -> ApiException.notFound(what, id));
  }
}
