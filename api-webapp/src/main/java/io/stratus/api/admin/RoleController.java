package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityRules.Right;
import io.stratus.common.identity.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code admin/Role}: the customer's roles with their rights, each {@code {"resourceType",
 * "action", "qualifier"}}; added ({@code addRole} with its {@code acl}), changed ({@code
 * describeRole}, {@code grant}, {@code revoke}) and removed through the shared {@link People}
 * service.
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
  static final List<String> CHANGES = List.of("describeRole", "grant", "revoke");
  private final JdbcClient jdbc;
  private final People people;

  public RoleController(DataSource reads, People people) {
    this.jdbc = JdbcClient.create(reads);
    this.people = people;
  }

  /**
   * {@code {"addRole":[{"name":...,"description":...,"acl":[{"resourceType":"server","action":
   * "read","qualifier":"ANY"}]}]}}: 201 with the role.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> add(
      Access access, HttpServletRequest request, @RequestBody JsonNode body) {
    access.require("role", "create");
    JsonNode role = PeopleRequests.element(body, "addRole", "role");
    String name = PeopleRequests.required(role, "name", 200);
    String description = Json.text(role, "description", 1000);
    List<Right> rights = PeopleRequests.acl(role, true);
    long id =
        people.createRole(PeopleRequests.actor(people, access, request), name, description, rights);
    Map<String, Object> view =
        Json.object(
            "roleId",
            id,
            "name",
            name.strip(),
            "description",
            description == null || description.isBlank() ? null : description.strip(),
            "status",
            PeopleRequests.ACTIVE,
            "customer",
            Json.ref("customerId", access.customerId()));
    view.put("rights", rights.stream().distinct().map(PeopleRequests::view).toList());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("roles", List.of(view)));
  }

  /**
   * One change: {@code {"describeRole":[{"name":...,"description":...}]}}, {@code {"grant":
   * [{"acl":[{"resourceType","action","qualifier"}]}]}} (a right the role has takes the new
   * qualifier), {@code {"revoke":[{"acl":[{"resourceType","action"}]}]}}; 204.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Void> change(
      Access access,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    access.require("role", "update");
    long roleId = Json.pathId(id, "roleId");
    String action = PeopleRequests.action(body, CHANGES);
    JsonNode change = PeopleRequests.element(body, action, "role");
    Actor actor = PeopleRequests.actor(people, access, request);
    switch (action) {
      case "describeRole" -> {
        String name = Json.text(change, "name", 200);
        String description = Json.text(change, "description", 1000);
        if (name == null && description == null) {
          throw ApiException.badRequest("describeRole takes a name, a description or both");
        }
        people.updateRole(actor, roleId, name, description);
      }
      case "grant" -> {
        List<Right> rights = PeopleRequests.acl(change, true);
        if (rights.isEmpty()) {
          throw ApiException.badRequest("grant takes an acl of at least one right");
        }
        people.addRights(actor, roleId, rights);
      }
      default -> {
        List<Right> rights = PeopleRequests.acl(change, false);
        if (rights.isEmpty()) {
          throw ApiException.badRequest("revoke takes an acl of at least one right");
        }
        people.removeRights(actor, roleId, rights);
      }
    }
    return ResponseEntity.noContent().build();
  }

  /** Removes the role and its rights: 204; refused (409) while a user or a group holds it. */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> remove(
      Access access, HttpServletRequest request, @PathVariable String id) {
    access.require("role", "remove");
    people.deleteRole(PeopleRequests.actor(people, access, request), Json.pathId(id, "roleId"));
    return ResponseEntity.noContent().build();
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
                                  "status", PeopleRequests.ACTIVE,
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
