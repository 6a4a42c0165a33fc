package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.People;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/Group}: the customer's groups, with their members and roles; added ({@code
 * addGroup}), changed ({@code describeGroup}, {@code addMember}, {@code removeMember}, {@code
 * setRole}, {@code removeRole}) and removed through the shared {@link People} service.
 */
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
  static final List<String> CHANGES =
      List.of("describeGroup", "addMember", "removeMember", "setRole", "removeRole");
  private final JdbcClient jdbc;
  private final People people;

  public GroupController(DataSource reads, People people) {
    this.jdbc = JdbcClient.create(reads);
    this.people = people;
  }

  /**
   * {@code {"addGroup":[{"name":...,"description":...}]}} (or mixcoatl's {@code {"addGroup":
   * {"group":{...}}}}): 201 with the group.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> add(
      Access access, HttpServletRequest request, @RequestBody JsonNode body) {
    access.require("group", "create");
    JsonNode group = PeopleRequests.element(body, "addGroup", "group");
    String name = PeopleRequests.required(group, "name", 200);
    String description = Json.text(group, "description", 1000);
    long id = people.createGroup(PeopleRequests.actor(people, access, request), name, description);
    Map<String, Object> view =
        Json.object(
            "groupId", id,
            "name", name.strip(),
            "description",
                description == null || description.isBlank() ? null : description.strip(),
            "status", PeopleRequests.ACTIVE,
            "users", List.of(),
            "roles", List.of(),
            "roleAssignments", List.of(),
            "customer", Json.ref("customerId", access.customerId()));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("groups", List.of(view)));
  }

  /**
   * One change: {@code {"describeGroup":[{"name":...,"description":...}]}}, {@code {"addMember":
   * [{"user":{"userId":N}}]}}, {@code removeMember}, {@code {"setRole":[{"role":{"roleId":N}}]}},
   * {@code removeRole}; 204.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Void> change(
      Access access,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    access.require("group", "update");
    long groupId = Json.pathId(id, "groupId");
    String action = PeopleRequests.action(body, CHANGES);
    JsonNode change = PeopleRequests.element(body, action, "group");
    Actor actor = PeopleRequests.actor(people, access, request);
    switch (action) {
      case "describeGroup" -> {
        String name = Json.text(change, "name", 200);
        String description = Json.text(change, "description", 1000);
        if (name == null && description == null) {
          throw ApiException.badRequest("describeGroup takes a name, a description or both");
        }
        people.updateGroup(actor, groupId, name, description);
      }
      case "addMember" ->
          people.addMember(actor, groupId, PeopleRequests.ref(change, "user", "userId"));
      case "removeMember" ->
          people.removeMember(actor, groupId, PeopleRequests.ref(change, "user", "userId"));
      case "setRole" ->
          people.assignGroupRole(actor, groupId, PeopleRequests.ref(change, "role", "roleId"));
      default ->
          people.unassignGroupRole(actor, groupId, PeopleRequests.ref(change, "role", "roleId"));
    }
    return ResponseEntity.noContent().build();
  }

  /** Removes the group, its memberships and role assignments (its members stay): 204. */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> remove(
      Access access, HttpServletRequest request, @PathVariable String id) {
    access.require("group", "remove");
    people.deleteGroup(PeopleRequests.actor(people, access, request), Json.pathId(id, "groupId"));
    return ResponseEntity.noContent().build();
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    access.require("group", "read");
    Map<Long, List<Map<String, Object>>> assigned = assignments(access.customerId(), null);
    return Map.of(
        "groups",
        jdbc.sql(SELECT + " ORDER BY g.id")
            .param("customer", access.customerId())
            .query((rs, n) -> view(rs, assigned))
            .list());
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("group", "read");
    long groupId = Json.pathId(id, "groupId");
    Map<Long, List<Map<String, Object>>> assigned = assignments(access.customerId(), groupId);
    Map<String, Object> group =
        jdbc.sql(SELECT + " AND g.id = :id")
            .param("customer", access.customerId())
            .param("id", groupId)
            .query((rs, n) -> view(rs, assigned))
            .optional()
            .orElseThrow(() -> ApiException.notFound("group", groupId));
    return Map.of("groups", List.of(group));
  }

  /**
   * The roles each group holds, as enStratus' {@code roleAssignments} ({@code [{"roleId",
   * "roleName"}]}, what mixcoatl's {@code dcm-list-role-assignments} prints), by group: of one
   * group, or with {@code groupId} null of every group of the customer.
   */
  private Map<Long, List<Map<String, Object>>> assignments(long customerId, Long groupId) {
    Map<Long, List<Map<String, Object>>> byGroup = new HashMap<>();
    jdbc.sql(
            """
            SELECT gr.group_id, r.id, r.name
              FROM group_role gr JOIN role r ON r.id = gr.role_id
             WHERE r.customer_id = :customer AND (:group IS NULL OR gr.group_id = :group)
             ORDER BY r.id
            """)
        .param("customer", customerId)
        .param("group", groupId)
        .query(
            rs -> {
              byGroup
                  .computeIfAbsent(rs.getLong("group_id"), g -> new ArrayList<>())
                  .add(Json.object("roleId", rs.getLong("id"), "roleName", rs.getString("name")));
            });
    return byGroup;
  }

  private static Map<String, Object> view(
      ResultSet rs, Map<Long, List<Map<String, Object>>> assignments) throws SQLException {
    return Json.object(
        "groupId", rs.getLong("id"),
        "name", rs.getString("name"),
        "description", rs.getString("description"),
        "status", PeopleRequests.ACTIVE,
        "users", UserController.refs(rs.getString("user_ids"), "userId"),
        "roles", UserController.refs(rs.getString("role_ids"), "roleId"),
        "roleAssignments", assignments.getOrDefault(rs.getLong("id"), List.of()),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "createdTimestamp", Json.time(rs, "created_at"));
  }
}
