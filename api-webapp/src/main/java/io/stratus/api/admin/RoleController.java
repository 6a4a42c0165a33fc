package io.stratus.api.admin;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/Role}: the customer's roles with their rights, each {@code {"resourceType",
 * "action", "qualifier"}}.
 */
@RestController
@RequestMapping(Api.BASE + "/admin/Role")
public class RoleController {
  private static final String SELECT =
      """
      SELECT r.id, r.customer_id, r.name, r.description, rr.resource_type, rr.action,
             rr.qualifier
        FROM role r LEFT JOIN role_right rr ON rr.role_id = r.id
       WHERE r.customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public RoleController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    access.require("role", "read");
    return Map.of("roles", roles(access, null));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("role", "read");
    long roleId = Json.pathId(id, "roleId");
    List<Map<String, Object>> roles = roles(access, roleId);
    if (roles.isEmpty()) {
      throw ApiException.notFound("role", roleId);
    }
    return Map.of("roles", roles);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> roles(Access access, Long roleId) {
    Map<Long, Map<String, Object>> roles = new LinkedHashMap<>();
    jdbc.sql(
            SELECT
                + " AND (:role IS NULL OR r.id = :role)"
                + " ORDER BY r.id, rr.resource_type, rr.action")
        .param("customer", access.customerId())
        .param("role", roleId)
        .query(
            rs -> {
              Map<String, Object> role =
                  roles.computeIfAbsent(
                      rs.getLong("id"),
                      id -> {
                        try {
                          Map<String, Object> r =
                              Json.object(
                                  "roleId", id,
                                  "name", rs.getString("name"),
                                  "description", rs.getString("description"),
                                  "customer", Json.ref("customerId", rs.getLong("customer_id")));
                          r.put("rights", new ArrayList<Map<String, Object>>());
                          return r;
                        } catch (java.sql.SQLException e) {
                          throw new IllegalStateException(e);
                        }
                      });
              if (rs.getString("resource_type") != null) {
                ((List<Map<String, Object>>) role.get("rights"))
                    .add(
                        Json.object(
                            "resourceType", rs.getString("resource_type"),
                            "action", rs.getString("action"),
                            "qualifier", rs.getString("qualifier")));
              }
            });
    return new ArrayList<>(roles.values());
  }
}
