package io.stratus.api.geography;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code geography/Region}: the regions of the customer's cloud accounts. */
@RestController
@RequestMapping(Api.BASE + "/geography/Region")
public class RegionController {
  private static final String SELECT =
      """
      SELECT r.id, r.customer_id, r.cloud_account_id, r.provider_region_id, r.name,
             r.jurisdiction, r.status, a.cloud_id
        FROM region r JOIN cloud_account a ON a.id = r.cloud_account_id
       WHERE r.customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public RegionController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "accountId", required = false) String accountId) {
    access.require("region", "read");
    Long account = accountId == null ? null : Json.pathId(accountId, "accountId");
    List<Map<String, Object>> regions =
        jdbc.sql(SELECT + " AND (:account IS NULL OR r.cloud_account_id = :account) ORDER BY r.id")
            .param("customer", access.customerId())
            .param("account", account)
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("regions", regions);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("region", "read");
    long regionId = Json.pathId(id, "regionId");
    Map<String, Object> region =
        jdbc.sql(SELECT + " AND r.id = :id")
            .param("customer", access.customerId())
            .param("id", regionId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("region", regionId));
    return Map.of("regions", List.of(region));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "regionId", rs.getLong("id"),
        "providerId", rs.getString("provider_region_id"),
        "name", rs.getString("name"),
        "description", rs.getString("name"),
        "jurisdiction", rs.getString("jurisdiction"),
        "status", rs.getString("status").toUpperCase(Locale.ROOT),
        "cloud", Json.ref("cloudId", rs.getLong("cloud_id")),
        "account", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")));
  }
}
