package io.stratus.api.geography;

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
import org.springframework.web.bind.annotation.RestController;

/** {@code geography/Cloud}: the clouds an account can be registered on (shared by customers). */
@RestController
@RequestMapping(Api.BASE + "/geography/Cloud")
public class CloudController {
  private static final String SELECT =
      "SELECT id, name, provider_name, endpoint, description, status FROM cloud";
  private final JdbcClient jdbc;

  public CloudController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    access.require("cloud", "read");
    List<Map<String, Object>> clouds =
        jdbc.sql(SELECT + " ORDER BY id").query((rs, n) -> view(rs)).list();
    return Map.of("clouds", clouds);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("cloud", "read");
    long cloudId = Json.pathId(id, "cloudId");
    Map<String, Object> cloud =
        jdbc.sql(SELECT + " WHERE id = ?")
            .param(cloudId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("cloud", cloudId));
    return Map.of("clouds", List.of(cloud));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "cloudId", rs.getLong("id"),
        "name", rs.getString("name"),
        "cloudProviderName", rs.getString("provider_name"),
        "endpoint", rs.getString("endpoint"),
        "description", rs.getString("description"),
        "status", rs.getString("status").toUpperCase(java.util.Locale.ROOT));
  }
}
