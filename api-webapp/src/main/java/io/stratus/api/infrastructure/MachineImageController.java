package io.stratus.api.infrastructure;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
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

/**
 * {@code infrastructure/MachineImage}: the images servers launch from. With a MINE or GROUP right a
 * user sees the cloud's own images (no owner) and its own.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/MachineImage")
public class MachineImageController {
  private static final String SELECT =
      """
      SELECT i.id, i.customer_id, i.cloud_account_id, i.region_id, i.provider_image_id, i.name,
             i.description, i.platform, i.architecture, i.state, i.is_public, i.owner_user_id,
             i.created_at
        FROM machine_image i
       WHERE i.customer_id = :customer
         AND (:any OR i.owner_user_id IS NULL OR i.owner_user_id = :user)
      """;
  private final JdbcClient jdbc;

  public MachineImageController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    Qualifier q = access.require("machine_image", "read");
    Long region = regionId == null ? null : Json.pathId(regionId, "regionId");
    List<Map<String, Object>> images =
        jdbc.sql(SELECT + " AND (:region IS NULL OR i.region_id = :region) ORDER BY i.id")
            .param("customer", access.customerId())
            .param("any", q == Qualifier.ANY)
            .param("user", access.userId())
            .param("region", region)
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("images", images);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    Qualifier q = access.require("machine_image", "read");
    long imageId = Json.pathId(id, "machineImageId");
    Map<String, Object> image =
        jdbc.sql(SELECT + " AND i.id = :id")
            .param("customer", access.customerId())
            .param("any", q == Qualifier.ANY)
            .param("user", access.userId())
            .param("id", imageId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("machine image", imageId));
    return Map.of("images", List.of(image));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "machineImageId", rs.getLong("id"),
        "providerId", rs.getString("provider_image_id"),
        "name", rs.getString("name"),
        "description", rs.getString("description"),
        "platform", rs.getString("platform"),
        "architecture", rs.getString("architecture"),
        "status", rs.getString("state").toUpperCase(Locale.ROOT),
        "sharable", rs.getBoolean("is_public"),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }
}
