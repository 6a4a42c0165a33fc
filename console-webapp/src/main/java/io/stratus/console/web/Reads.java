package io.stratus.console.web;

import io.stratus.common.access.Access;
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

  public long count(String sql, Map<String, ?> params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }
}
