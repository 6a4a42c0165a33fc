package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.People;
import io.stratus.common.identity.People.NewUser;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/User}: the customer's users (never a password hash). With a MINE or GROUP right a
 * user sees itself only. Users are added ({@code addUser}, with a one-time password in the answer)
 * and changed ({@code alterUser}, {@code resetPassword}, {@code grantRole}, {@code revokeRole},
 * {@code joinGroup}, {@code leaveGroup}) through the shared {@link People} service, as the console
 * does.
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
  static final List<String> CHANGES =
      List.of("alterUser", "resetPassword", "grantRole", "revokeRole", "joinGroup", "leaveGroup");
  private final JdbcClient jdbc;
  private final People people;

  public UserController(DataSource reads, People people) {
    this.jdbc = JdbcClient.create(reads);
    this.people = people;
  }

  /**
   * {@code {"addUser":[{"email":...,"givenName":...,"familyName":...,"groups":[{"groupId":N}],
   * "roles":[{"roleId":N}]}]}} ({@code firstName}/{@code lastName} also read): 201 with the user
   * and its first password, shown only in this answer.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> add(
      Access access, HttpServletRequest request, @RequestBody JsonNode body) {
    access.require("user", "create");
    JsonNode user = PeopleRequests.element(body, "addUser", "user");
    String email = PeopleRequests.required(user, "email", 254);
    String given = PeopleRequests.text(user, 100, "givenName", "firstName");
    String family = PeopleRequests.text(user, 100, "familyName", "lastName");
    String name =
        ((given == null ? "" : given.strip()) + " " + (family == null ? "" : family.strip()))
            .strip();
    List<Long> groups = PeopleRequests.refs(user, "groups", "groupId");
    List<Long> roles = PeopleRequests.refs(user, "roles", "roleId");
    NewUser created =
        people.createUser(
            PeopleRequests.actor(people, access, request), email, name, groups, roles);
    Map<String, Object> view =
        Json.object(
            "userId", created.userId(),
            "email", created.email(),
            "alphaName", name.isEmpty() ? created.email() : name,
            "status", "ACTIVE",
            "groups", groups.stream().distinct().map(id -> Json.ref("groupId", id)).toList(),
            "roles", roles.stream().distinct().map(id -> Json.ref("roleId", id)).toList(),
            "customer", Json.ref("customerId", access.customerId()),
            "password", created.password());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("users", List.of(view)));
  }

  /**
   * One change: {@code {"alterUser":[{"status":"DISABLED"}]}}, {@code {"resetPassword":[{}]}} (200
   * with the new password, shown only in this answer), {@code {"grantRole":[{"role":{"roleId":
   * N}}]}}, {@code revokeRole}, {@code {"joinGroup":[{"group":{"groupId":N}}]}}, {@code
   * leaveGroup}; 204.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    access.require("user", "update");
    long userId = Json.pathId(id, "userId");
    String action = PeopleRequests.action(body, CHANGES);
    JsonNode change = PeopleRequests.element(body, action, "user");
    Actor actor = PeopleRequests.actor(people, access, request);
    switch (action) {
      case "alterUser" -> {
        String status = Json.text(change, "status", 16);
        if (status == null) {
          throw ApiException.badRequest("alterUser takes a status: ACTIVE or DISABLED");
        }
        people.setStatus(actor, userId, status);
      }
      case "resetPassword" -> {
        String password = people.resetPassword(actor, userId);
        return ResponseEntity.ok(
            Map.of("users", List.of(Json.object("userId", userId, "password", password))));
      }
      case "grantRole" ->
          people.assignUserRole(actor, userId, PeopleRequests.ref(change, "role", "roleId"));
      case "revokeRole" ->
          people.unassignUserRole(actor, userId, PeopleRequests.ref(change, "role", "roleId"));
      case "joinGroup" ->
          people.addMember(actor, PeopleRequests.ref(change, "group", "groupId"), userId);
      default -> people.removeMember(actor, PeopleRequests.ref(change, "group", "groupId"), userId);
    }
    return ResponseEntity.noContent().build();
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

  /**
   * A user in the enStratus shape. Stratus keeps one display name, written from the given and the
   * family name at creation: {@code givenName} is its first word, {@code familyName} the rest (both
   * null when the name is the e-mail address or a single word has no family name). {@code
   * vmLoginId} is null: Stratus creates no logins on virtual machines.
   */
  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    String alphaName = rs.getString("display_name");
    String[] names =
        alphaName == null || alphaName.isBlank() || alphaName.contains("@")
            ? new String[0]
            : alphaName.strip().split("\\s+", 2);
    return Json.object(
        "userId", rs.getLong("id"),
        "email", rs.getString("email"),
        "alphaName", alphaName,
        "givenName", names.length > 0 ? names[0] : NullNode.getInstance(),
        "familyName", names.length > 1 ? names[1] : NullNode.getInstance(),
        "vmLoginId", NullNode.getInstance(),
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
