package io.stratus.api.infrastructure;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code infrastructure/ServerProduct}: the sizes a server can be launched with, per region. */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/ServerProduct")
public class ServerProductController {
  private static final String SELECT =
      """
      SELECT id, customer_id, cloud_account_id, region_id, provider_product_id, name, cpu_count,
             ram_mb, root_volume_gb, hourly_price_micros, currency
        FROM server_product
       WHERE customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public ServerProductController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    access.require("server_product", "read");
    Long region = regionId == null ? null : Json.pathId(regionId, "regionId");
    List<Map<String, Object>> products =
        jdbc.sql(SELECT + " AND (:region IS NULL OR region_id = :region) ORDER BY id")
            .param("customer", access.customerId())
            .param("region", region)
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("serverProducts", products);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("server_product", "read");
    long productId = Json.pathId(id, "productId");
    Map<String, Object> product =
        jdbc.sql(SELECT + " AND id = :id")
            .param("customer", access.customerId())
            .param("id", productId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("server product", productId));
    return Map.of("serverProducts", List.of(product));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    Long micros = Json.nullableLong(rs, "hourly_price_micros");
    return Json.object(
        "productId", rs.getLong("id"),
        "providerProductId", rs.getString("provider_product_id"),
        "name", rs.getString("name"),
        "description", rs.getString("name"),
        "cpuCount", rs.getInt("cpu_count"),
        "ramInMb", rs.getInt("ram_mb"),
        "rootVolumeSizeInGb", rs.getInt("root_volume_gb"),
        "hourlyRate", micros == null ? null : BigDecimal.valueOf(micros, 6),
        "currency", rs.getString("currency"),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")));
  }
}
