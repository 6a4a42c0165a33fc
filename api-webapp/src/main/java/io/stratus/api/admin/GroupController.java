package io.stratus.api.admin;

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

/** {@code admin/Group}: the customer's groups, with their members and roles. */
@RestController
@RequestMapping(Api.BASE + "/admin/Group")
public class GroupController {
  private static final String SELECT =
      """
      SELECT g.id, g.customer_id, g.name, g.description, g.created_at,
             (SELECT GROUP_CONCAT(gm.user_id) FROM group_member gm WHERE gm.group_id = g.id)
               AS user_ids,
             (SELECT GROUP_CONCAT(gr.role_id) FROM group_role gr WHERE gr.group_id = g.id)
               AS role_ids
        FROM user_group g
       WHERE g.customer_id = :customer
      """;
  private final JdbcClient jdbc;

  public GroupController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    access.require("group", "read");
    return Map.of(
        "groups",
        jdbc.sql(SELECT + " ORDER BY g.id")
            .param("customer", access.customerId())
            .query((rs, n) -> view(rs))
            .list());
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("group", "read");
    long groupId = Json.pathId(id, "groupId");
    Map<String, Object> group =
        jdbc.sql(SELECT + " AND g.id = :id")
            .param("customer", access.customerId())
            .param("id", groupId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("group", groupId));
    return Map.of("groups", List.of(group));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "groupId", rs.getLong("id"),
        "name", rs.getString("name"),
        "description", rs.getString("description"),
        "users", UserController.refs(rs.getString("user_ids"), "userId"),
        "roles", UserController.refs(rs.getString("role_ids"), "roleId"),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "createdTimestamp", Json.time(rs, "created_at"));
  }
}
