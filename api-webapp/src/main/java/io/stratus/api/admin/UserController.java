package io.stratus.api.admin;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/User}: the customer's users (never a password hash). With a MINE or GROUP right a
 * user sees itself only.
 */
@RestController
@RequestMapping(Api.BASE + "/admin/User")
public class UserController {
  private static final String SELECT =
      """
      SELECT u.id, u.customer_id, u.email, u.display_name, u.status, u.last_login_at, u.created_at,
             (SELECT GROUP_CONCAT(gm.group_id) FROM group_member gm WHERE gm.user_id = u.id)
               AS group_ids,
             (SELECT GROUP_CONCAT(ur.role_id) FROM user_role ur WHERE ur.user_id = u.id)
               AS role_ids
        FROM user_account u
       WHERE u.customer_id = :customer AND (:any OR u.id = :user)
      """;
  private final JdbcClient jdbc;

  public UserController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    Qualifier q = access.require("user", "read");
    return Map.of(
        "users",
        jdbc.sql(SELECT + " ORDER BY u.id")
            .param("customer", access.customerId())
            .param("any", q == Qualifier.ANY)
            .param("user", access.userId())
            .query((rs, n) -> view(rs))
            .list());
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    Qualifier q = access.require("user", "read");
    long userId = Json.pathId(id, "userId");
    if (q != Qualifier.ANY && userId != access.userId()) {
      boolean exists =
          jdbc.sql("SELECT COUNT(*) FROM user_account WHERE id = ? AND customer_id = ?")
                  .params(userId, access.customerId())
                  .query(Long.class)
                  .single()
              > 0;
      if (exists) {
        throw ApiException.forbidden("you may read only yourself");
      }
    }
    Map<String, Object> user =
        jdbc.sql(SELECT + " AND u.id = :id")
            .param("customer", access.customerId())
            .param("any", true)
            .param("user", access.userId())
            .param("id", userId)
            .query((rs, n) -> view(rs))
            .optional()
            .orElseThrow(() -> ApiException.notFound("user", userId));
    return Map.of("users", List.of(user));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "userId", rs.getLong("id"),
        "email", rs.getString("email"),
        "alphaName", rs.getString("display_name"),
        "status", rs.getString("status").toUpperCase(Locale.ROOT),
        "groups", refs(rs.getString("group_ids"), "groupId"),
        "roles", refs(rs.getString("role_ids"), "roleId"),
        "lastLoginTimestamp", Json.time(rs, "last_login_at"),
        "createdTimestamp", Json.time(rs, "created_at"),
        "customer", Json.ref("customerId", rs.getLong("customer_id")));
  }

  static List<Map<String, Object>> refs(String ids, String field) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(ids.split(","))
        .map(id -> Json.ref(field, Long.parseLong(id)))
        .toList();
  }
}
