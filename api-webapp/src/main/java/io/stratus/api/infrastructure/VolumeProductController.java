package io.stratus.api.infrastructure;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
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

/**
 * {@code infrastructure/VolumeProduct}: the kinds of volume a region offers and their size limits,
 * as the cloud reported them when the account was registered or last tested.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/VolumeProduct")
public class VolumeProductController {
  private static final String SELECT =
      """
      SELECT id, cloud_account_id, region_id, provider_product_id, name, min_size_gb, max_size_gb
        FROM volume_product
       WHERE customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public VolumeProductController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    access.require("volume_product", "read");
    Long region = regionId == null ? null : Json.pathId(regionId, "regionId");
    List<Map<String, Object>> products =
        jdbc.sql(SELECT + " AND (:region IS NULL OR region_id = :region) ORDER BY id")
            .param("customer", access.customerId())
            .param("region", region)
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("volumeProducts", products);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("volume_product", "read");
    long productId = Json.pathId(id, "productId");
    Map<String, Object> product =
        jdbc.sql(SELECT + " AND id = :id")
            .param("customer", access.customerId())
            .param("id", productId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("volume product", productId));
    return Map.of("volumeProducts", List.of(product));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "productId", rs.getLong("id"),
        "providerProductId", rs.getString("provider_product_id"),
        "name", rs.getString("name"),
        "description", rs.getString("name"),
        "minVolumeSizeInGb", rs.getInt("min_size_gb"),
        "maxVolumeSizeInGb", rs.getInt("max_size_gb"),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")));
  }
}
