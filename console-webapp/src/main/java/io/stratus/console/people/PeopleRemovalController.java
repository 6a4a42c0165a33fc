package io.stratus.console.people;

import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.People;
import io.stratus.common.identity.People.UserHoldings;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.signin.SignedInSessions;
import io.stratus.console.web.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Renaming and deleting users, groups and roles, through the shared {@link People} service (the
 * API's too), each change written with its audit event. Deleting asks first on a page that says
 * what goes with it; the form sent without that page's {@code confirmed=yes} only leads there.
 */
@Controller
public class PeopleRemovalController {
  private final IdentityAudit identity;
  private final SignedInSessions sessions;

  public PeopleRemovalController(IdentityAudit identity, SignedInSessions sessions) {
    this.identity = identity;
    this.sessions = sessions;
  }

  // Renaming

  /** A user's display name (its e-mail address, with which it signs in, stays). */
  @PostMapping("/people/users/{id}/name")
  String renameUser(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String displayName) {
    access.require("user", "update");
    identity.people().renameUser(IdentityAudit.actor(access, me, request), id, displayName);
    return "redirect:/people/users/" + id;
  }

  @PostMapping("/people/groups/{id}/name")
  String renameGroup(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("group", "update");
    identity.people().updateGroup(IdentityAudit.actor(access, me, request), id, name, description);
    return "redirect:/people/groups/" + id;
  }

  @PostMapping("/people/roles/{id}/name")
  String renameRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("role", "update");
    identity.people().updateRole(IdentityAudit.actor(access, me, request), id, name, description);
    return "redirect:/people/roles/" + id;
  }

  // Deleting: the question

  @GetMapping("/people/users/{id}/delete")
  String confirmUser(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      Model model) {
    access.require("user", "remove");
    Actor actor = IdentityAudit.actor(access, me, request);
    Map<String, Object> user = row(access, "SELECT id, email FROM user_account", id, "user");
    UserHoldings held = identity.people().holdings(actor, id);
    return question(
        model,
        "user",
        id,
        (String) user.get("email"),
        id == me.userId() ? "You cannot delete yourself." : null,
        List.of(
            "It is signed out of every session at once, in every browser, and can never sign in"
                + " again.",
            "Its "
                + held.apiKeys()
                + " API key(s) are deleted: scripts that sign with them stop working.",
            "It leaves its "
                + held.groups()
                + " group(s) and loses its "
                + held.roles()
                + " role(s) of its own.",
            "Servers and other resources it launched stay as they are, in the cloud and in"
                + " Stratus; the audit log keeps what it did.",
            "This cannot be undone. To stop its use but keep the user, disable it instead."));
  }

  @GetMapping("/people/groups/{id}/delete")
  String confirmGroup(Access access, @PathVariable long id, Model model) {
    access.require("group", "remove");
    Map<String, Object> group = row(access, "SELECT id, name FROM user_group", id, "group");
    long members = count("group_member", "group_id", id, access);
    long roles = count("group_role", "group_id", id, access);
    return question(
        model,
        "group",
        id,
        (String) group.get("name"),
        null,
        List.of(
            "Its "
                + members
                + " member(s) stay users, but no longer hold its "
                + roles
                + " role(s) through it: rights they have only through this group end at their"
                + " next click.",
            "Servers and other resources shared with the group stay as they are; members see"
                + " them only as far as their other rights reach.",
            "This cannot be undone."));
  }

  @GetMapping("/people/roles/{id}/delete")
  String confirmRole(Access access, @PathVariable long id, Model model) {
    access.require("role", "remove");
    Map<String, Object> role = row(access, "SELECT id, name FROM role", id, "role");
    long users = count("user_role", "role_id", id, access);
    long groups = count("group_role", "role_id", id, access);
    long rights = count("role_right", "role_id", id, access);
    return question(
        model,
        "role",
        id,
        (String) role.get("name"),
        users + groups > 0
            ? "It is held by "
                + users
                + " user(s) and "
                + groups
                + " group(s): unassign it from them first (see Held by on its page)."
            : null,
        users + groups > 0
            ? List.of("Its " + rights + " right(s) would go with it.")
            : List.of(
                "Its " + rights + " right(s) go with it.",
                "Nobody holds it, so nobody loses a right.",
                "This cannot be undone."));
  }

  // Deleting: the confirmed form

  @PostMapping("/people/users/{id}/delete")
  String deleteUser(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String confirmed,
      RedirectAttributes flash) {
    access.require("user", "remove");
    Map<String, Object> user = row(access, "SELECT id, email FROM user_account", id, "user");
    if (!"yes".equals(confirmed)) {
      return "redirect:/people/users/" + id + "/delete";
    }
    identity.people().deleteUser(IdentityAudit.actor(access, me, request), id);
    int ended = sessions.endAll(id, null);
    flash.addFlashAttribute(
        "flash", "User " + user.get("email") + " deleted; " + ended + " session(s) ended.");
    return "redirect:/people";
  }

  @PostMapping("/people/groups/{id}/delete")
  String deleteGroup(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String confirmed,
      RedirectAttributes flash) {
    access.require("group", "remove");
    Map<String, Object> group = row(access, "SELECT id, name FROM user_group", id, "group");
    if (!"yes".equals(confirmed)) {
      return "redirect:/people/groups/" + id + "/delete";
    }
    identity.people().deleteGroup(IdentityAudit.actor(access, me, request), id);
    flash.addFlashAttribute("flash", "Group " + group.get("name") + " deleted.");
    return "redirect:/people";
  }

  @PostMapping("/people/roles/{id}/delete")
  String deleteRole(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String confirmed,
      RedirectAttributes flash) {
    access.require("role", "remove");
    Map<String, Object> role = row(access, "SELECT id, name FROM role", id, "role");
    if (!"yes".equals(confirmed)) {
      return "redirect:/people/roles/" + id + "/delete";
    }
    identity.people().deleteRole(IdentityAudit.actor(access, me, request), id);
    flash.addFlashAttribute("flash", "Role " + role.get("name") + " deleted.");
    return "redirect:/people";
  }

  private static String question(
      Model model, String kind, long id, String name, String blocked, List<String> consequences) {
    model.addAttribute("kind", kind);
    model.addAttribute("id", id);
    model.addAttribute("name", name);
    model.addAttribute("blocked", blocked);
    model.addAttribute("consequences", consequences);
    return "people-delete";
  }

  /** One of the customer's rows, read from the primary (it may be new). */
  private Map<String, Object> row(Access access, String select, long id, String what) {
    return identity
        .jdbc()
        .sql(select + " WHERE id = ? AND customer_id = ?")
        .params(id, access.customerId())
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFound(what, id));
  }

  private long count(String table, String column, long id, Access access) {
    return identity
        .jdbc()
        .sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ? AND customer_id = ?")
        .params(id, access.customerId())
        .query(Long.class)
        .single();
  }
}
