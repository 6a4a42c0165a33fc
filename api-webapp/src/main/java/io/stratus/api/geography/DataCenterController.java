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

/** {@code geography/DataCenter}: the data centres (zones) of the customer's regions. */
@RestController
@RequestMapping(Api.BASE + "/geography/DataCenter")
public class DataCenterController {
  private static final String SELECT =
      """
      SELECT id, customer_id, region_id, provider_dc_id, name, status
        FROM data_center
       WHERE customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public DataCenterController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    access.require("data_center", "read");
    Long region = regionId == null ? null : Json.pathId(regionId, "regionId");
    List<Map<String, Object>> dataCenters =
        jdbc.sql(SELECT + " AND (:region IS NULL OR region_id = :region) ORDER BY id")
            .param("customer", access.customerId())
            .param("region", region)
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("dataCenters", dataCenters);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("data_center", "read");
    long dcId = Json.pathId(id, "dataCenterId");
    Map<String, Object> dc =
        jdbc.sql(SELECT + " AND id = :id")
            .param("customer", access.customerId())
            .param("id", dcId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("data center", dcId));
    return Map.of("dataCenters", List.of(dc));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "dataCenterId", rs.getLong("id"),
        "providerId", rs.getString("provider_dc_id"),
        "name", rs.getString("name"),
        "description", rs.getString("name"),
        "status", rs.getString("status").toUpperCase(Locale.ROOT),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")));
  }
}
