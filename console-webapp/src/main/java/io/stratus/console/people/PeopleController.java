package io.stratus.console.people;

import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityRules;
import io.stratus.common.identity.IdentityRules.Right;
import io.stratus.common.identity.KnownRights;
import io.stratus.common.identity.People;
import io.stratus.common.identity.People.NewUser;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.signin.SignedInSessions;
import io.stratus.console.web.NotFound;
import io.stratus.console.web.OnceShown;
import io.stratus.console.web.Reads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People: the customer's users, groups and roles. Users are created with a random first password
 * shown once (kept only as its Argon2id hash), disabled and enabled, given a new password (shown
 * once) and roles; groups get members and roles; roles get rights (resource type × action ×
 * qualifier). Every change goes through the shared {@link io.stratus.common.identity.People}
 * service, the API's too: written to the primary with its audit event, in one transaction.
 */
@Controller
public class PeopleController {
  static final List<String> QUALIFIERS = IdentityRules.QUALIFIERS;

  private final Reads reads;
  private final IdentityAudit identity;
  private final SignedInSessions sessions;

  /** The session slot of a first or reset password, until the user's page shows it. */
  private static final String NEW_PASSWORD = "password";

  private final OnceShown once;

  public PeopleController(
      Reads reads, IdentityAudit identity, SignedInSessions sessions, OnceShown once) {
    this.once = once;
    this.reads = reads;
    this.identity = identity;
    this.sessions = sessions;
  }

  @GetMapping("/people")
  String list(Access access, Model model) {
    access.require("user", "read");
    Map<String, Object> params = Reads.params(access);
    model.addAttribute(
        "users",
        reads.rows(
            """
            SELECT u.id, u.email, u.display_name, u.status, u.last_login_at, u.created_at,
                   (SELECT GROUP_CONCAT(r.name ORDER BY r.name SEPARATOR ', ')
                      FROM user_role ur JOIN role r ON r.id = ur.role_id
                     WHERE ur.user_id = u.id AND ur.customer_id = :customer) AS roles
              FROM user_account u WHERE u.customer_id = :customer ORDER BY u.email
            """,
            params));
    model.addAttribute(
        "groups",
        access.may("group", "read")
            ? reads.rows(
                """
                SELECT g.id, g.name, g.description,
                       (SELECT COUNT(*) FROM group_member m
                         WHERE m.group_id = g.id AND m.customer_id = :customer) AS members
                  FROM user_group g WHERE g.customer_id = :customer ORDER BY g.name
                """,
                params)
            : List.of());
    model.addAttribute("roles", access.may("role", "read") ? roles(access) : List.of());
    model.addAttribute("allRoles", roles(access));
    return "people";
  }

  /** Creates a user with a random first password, shown once on the user's page it redirects to. */
  @PostMapping("/people/users")
  String createUser(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam String email,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "0") long role,
      RedirectAttributes flash) {
    access.require("user", "create");
    NewUser created =
        identity
            .people()
            .createUser(
                IdentityAudit.actor(access, me, request),
                email,
                displayName,
                List.of(),
                role == 0 ? List.of() : List.of(role));
    once.keep(
        request,
        access.customerId(),
        NEW_PASSWORD,
        String.valueOf(created.userId()),
        created.password());
    flash.addFlashAttribute("flash", "User " + created.email() + " created.");
    return "redirect:/people/users/" + created.userId();
  }

  @GetMapping("/people/users/{id}")
  String user(Access access, HttpServletRequest request, @PathVariable long id, Model model) {
    access.require("user", "read");
    once.take(request, access.customerId(), NEW_PASSWORD, String.valueOf(id))
        .ifPresent(password -> model.addAttribute("password", password));
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    model.addAttribute(
        "user",
        reads.one(
            "SELECT id, email, display_name, status, failed_logins, locked_until, last_login_at,"
                + " created_at, password_hash IS NOT NULL AS has_password FROM user_account"
                + " WHERE id = :id AND customer_id = :customer",
            params,
            "user",
            id));
    model.addAttribute(
        "userRoles",
        reads.rows(
            "SELECT r.id, r.name, r.description FROM user_role ur JOIN role r ON r.id = ur.role_id"
                + " WHERE ur.user_id = :id AND ur.customer_id = :customer ORDER BY r.name",
            params));
    model.addAttribute(
        "userGroups",
        reads.rows(
            "SELECT g.id, g.name FROM group_member m JOIN user_group g ON g.id = m.group_id"
                + " WHERE m.user_id = :id AND m.customer_id = :customer ORDER BY g.name",
            params));
    model.addAttribute("allRoles", roles(access));
    return "user";
  }

  /**
   * Asks before a user is disabled: the page says what follows and sends the confirmed form (no
   * script needed).
   */
  @GetMapping("/people/users/{id}/disable")
  String confirmDisable(Access access, @PathVariable long id, Model model) {
    access.require("user", "update");
    model.addAttribute("user", userRow(access, id));
    return "user-disable";
  }

  /**
   * Disables or enables a user: a disabled user cannot sign in, nor use its API keys. Disabling
   * takes the confirmation page's {@code confirmed=yes}; without it the browser is sent there.
   */
  @PostMapping("/people/users/{id}/status")
  String status(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String status,
      @RequestParam(defaultValue = "") String confirmed) {
    if (!"active".equals(status) && !"yes".equals(confirmed)) {
      access.require("user", "update");
      userRow(access, id);
      return "redirect:/people/users/" + id + "/disable";
    }
    return update(
        "user",
        id,
        access,
        me,
        request,
        (people, actor) -> {
          people.setStatus(actor, id, status);
          if (!"active".equals(status)) {
            sessions.endAll(id, null);
          }
        });
  }

  /** A new random password for the user, shown once on the user's page it redirects to. */
  @PostMapping("/people/users/{id}/password")
  String resetPassword(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      RedirectAttributes flash) {
    access.require("user", "update");
    String password = identity.people().resetPassword(IdentityAudit.actor(access, me, request), id);
    sessions.endAll(id, null);
    once.keep(request, access.customerId(), NEW_PASSWORD, String.valueOf(id), password);
    flash.addFlashAttribute(
        "flash", "A new password for " + userRow(access, id).get("email") + ".");
    return "redirect:/people/users/" + id;
  }

  @PostMapping("/people/users/{id}/roles")
  String assignRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam long role) {
    return update(
        "user", id, access, me, request, (people, actor) -> people.assignUserRole(actor, id, role));
  }

  @PostMapping("/people/users/{id}/roles/{role}/remove")
  String unassignRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @PathVariable long role) {
    return update(
        "user",
        id,
        access,
        me,
        request,
        (people, actor) -> people.unassignUserRole(actor, id, role));
  }

  // Groups

  @PostMapping("/people/groups")
  String createGroup(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("group", "create");
    long id =
        identity.people().createGroup(IdentityAudit.actor(access, me, request), name, description);
    return "redirect:/people/groups/" + id;
  }

  @GetMapping("/people/groups/{id}")
  String group(Access access, @PathVariable long id, Model model) {
    access.require("group", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    model.addAttribute(
        "group",
        reads.one(
            "SELECT id, name, description, created_at FROM user_group"
                + " WHERE id = :id AND customer_id = :customer",
            params,
            "group",
            id));
    model.addAttribute(
        "members",
        reads.rows(
            "SELECT u.id, u.email, u.display_name, u.status FROM group_member m"
                + " JOIN user_account u ON u.id = m.user_id"
                + " WHERE m.group_id = :id AND m.customer_id = :customer ORDER BY u.email",
            params));
    model.addAttribute(
        "groupRoles",
        reads.rows(
            "SELECT r.id, r.name, r.description FROM group_role gr JOIN role r ON r.id = gr.role_id"
                + " WHERE gr.group_id = :id AND gr.customer_id = :customer ORDER BY r.name",
            params));
    model.addAttribute(
        "allUsers",
        reads.rows(
            "SELECT id, email FROM user_account WHERE customer_id = :customer ORDER BY email",
            params));
    model.addAttribute("allRoles", roles(access));
    return "group";
  }

  @PostMapping("/people/groups/{id}/members")
  String addMember(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam long user) {
    return update(
        "group", id, access, me, request, (people, actor) -> people.addMember(actor, id, user));
  }

  @PostMapping("/people/groups/{id}/members/{user}/remove")
  String removeMember(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @PathVariable long user) {
    return update(
        "group", id, access, me, request, (people, actor) -> people.removeMember(actor, id, user));
  }

  @PostMapping("/people/groups/{id}/roles")
  String assignGroupRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam long role) {
    return update(
        "group",
        id,
        access,
        me,
        request,
        (people, actor) -> people.assignGroupRole(actor, id, role));
  }

  @PostMapping("/people/groups/{id}/roles/{role}/remove")
  String unassignGroupRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @PathVariable long role) {
    return update(
        "group",
        id,
        access,
        me,
        request,
        (people, actor) -> people.unassignGroupRole(actor, id, role));
  }

  // Roles

  @PostMapping("/people/roles")
  String createRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("role", "create");
    long id =
        identity
            .people()
            .createRole(IdentityAudit.actor(access, me, request), name, description, List.of());
    return "redirect:/people/roles/" + id;
  }

  @GetMapping("/people/roles/{id}")
  String role(Access access, @PathVariable long id, Model model) {
    access.require("role", "read");
    return showRole(access, id, model);
  }

  private String showRole(Access access, long id, Model model) {
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    model.addAttribute("role", role(access, id));
    model.addAttribute(
        "rights",
        reads.rows(
            "SELECT resource_type, action, qualifier FROM role_right"
                + " WHERE role_id = :id AND customer_id = :customer ORDER BY resource_type, action",
            params));
    model.addAttribute(
        "holders",
        reads.rows(
            "SELECT u.id, u.email FROM user_role ur JOIN user_account u ON u.id = ur.user_id"
                + " WHERE ur.role_id = :id AND ur.customer_id = :customer ORDER BY u.email",
            params));
    model.addAttribute(
        "holderGroups",
        reads.rows(
            "SELECT g.id, g.name FROM group_role gr JOIN user_group g ON g.id = gr.group_id"
                + " WHERE gr.role_id = :id AND gr.customer_id = :customer ORDER BY g.name",
            params));
    model.addAttribute("resources", KnownRights.RESOURCES);
    model.addAttribute("actions", KnownRights.ACTIONS);
    model.addAttribute("qualifiers", QUALIFIERS);
    return "role";
  }

  @PostMapping("/people/roles/{id}/rights")
  String addRight(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String resourceType,
      @RequestParam String action,
      @RequestParam String qualifier,
      Model model,
      HttpServletResponse response) {
    String problem = KnownRights.problem(resourceType, action);
    if (problem != null) {
      access.require("role", "update");
      response.setStatus(400);
      model.addAttribute(
          "problem", Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".");
      return showRole(access, id, model);
    }
    return update(
        "role",
        id,
        access,
        me,
        request,
        (people, actor) -> people.addRight(actor, id, Right.of(resourceType, action, qualifier)));
  }

  @PostMapping("/people/roles/{id}/rights/remove")
  String removeRight(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String resourceType,
      @RequestParam String action) {
    return update(
        "role",
        id,
        access,
        me,
        request,
        (people, actor) -> people.removeRight(actor, id, resourceType, action));
  }

  /**
   * Changes the {@code kind} (user, group or role) {@code id} as the signed-in user, once it may
   * update that kind, and shows it again: every change goes through the shared people model, which
   * writes it with its audit event.
   */
  private String update(
      String kind,
      long id,
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      BiConsumer<People, Actor> change) {
    access.require(kind, "update");
    change.accept(identity.people(), IdentityAudit.actor(access, me, request));
    return "redirect:/people/" + kind + "s/" + id;
  }

  private List<Map<String, Object>> roles(Access access) {
    return reads.rows(
        """
        SELECT r.id, r.name, r.description,
               (SELECT COUNT(*) FROM role_right rr
                 WHERE rr.role_id = r.id AND rr.customer_id = :customer) AS rights
          FROM role r WHERE r.customer_id = :customer ORDER BY r.name
        """,
        Reads.params(access));
  }

  /** One of the customer's roles, read from the primary (it may be new). */
  private Map<String, Object> role(Access access, long id) {
    return one(
        "SELECT id, name, description FROM role WHERE id = ? AND customer_id = ?",
        access,
        id,
        "role");
  }

  private Map<String, Object> userRow(Access access, long id) {
    return one(
        "SELECT id, email, status FROM user_account WHERE id = ? AND customer_id = ?",
        access,
        id,
        "user");
  }

  private Map<String, Object> one(String sql, Access access, long id, String what) {
    return identity.jdbc().sql(sql).params(id, access.customerId()).query().listOfRows().stream()
        .findFirst()
        .orElseThrow(() -> new NotFound(what, id));
  }
}
