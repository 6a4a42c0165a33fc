package io.stratus.common.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.access.AccessRefused;
import io.stratus.common.access.Qualifier;
import io.stratus.common.db.Database;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityException.Duplicate;
import io.stratus.common.identity.IdentityException.InUse;
import io.stratus.common.identity.IdentityException.Invalid;
import io.stratus.common.identity.IdentityException.NotFound;
import io.stratus.common.identity.IdentityRules.Right;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared identity writes against a real {@code stratus} schema. */
class PeopleServiceIT {
  private static TestDatabase db;
  private static Database database;
  private static JdbcClient jdbc;
  private static People people;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("people");
    database = StratusSchema.open(db);
    jdbc = JdbcClient.create(database.primary());
    people = new People(database.primary());
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  @Test
  void shouldCreateAUserInGroupsWithRolesWhoseRightsThenApply() {
    Actor admin = newCustomer("rights");
    long readers =
        people.createRole(
            admin, "Server readers", "read servers", List.of(Right.of("server", "read", "ANY")));
    long devs = people.createGroup(admin, "developers", "the developers");
    long launchers =
        people.createRole(admin, "Launchers", null, List.of(Right.of("server", "launch", "MINE")));
    people.assignGroupRole(admin, devs, launchers);

    People.NewUser ann =
        people.createUser(
            admin, " ann@rights.example ", "Ann", List.of(devs, devs), List.of(readers));
    assertEquals(20, ann.password().length());
    assertFalse(ann.toString().contains(ann.password()), "never in a log line");
    String hash =
        jdbc.sql("SELECT password_hash FROM user_account WHERE id = ?")
            .param(ann.userId())
            .query(String.class)
            .single();
    assertTrue(Passwords.matches(ann.password(), hash), "only its Argon2id hash is kept");

    Access access = new AccessLoader(database.primary()).load(admin.customerId(), ann.userId());
    assertEquals(Qualifier.ANY, access.qualifier("server", "read"));
    assertEquals(Qualifier.MINE, access.qualifier("server", "launch"), "through the group");
    assertFalse(access.may("server", "terminate"));

    people.unassignUserRole(admin, ann.userId(), readers);
    people.removeMember(admin, devs, ann.userId());
    Access none = new AccessLoader(database.primary()).load(admin.customerId(), ann.userId());
    assertFalse(none.may("server", "read"));
    assertFalse(none.may("server", "launch"));
    people.addMember(admin, devs, ann.userId());
    people.assignUserRole(admin, ann.userId(), readers);
    people.assignUserRole(admin, ann.userId(), readers); // twice is once

    assertEquals(
        List.of(
            "role.create",
            "group.create",
            "role.create",
            "group.role-assign",
            "user.create",
            "user.role-unassign",
            "group.member-remove",
            "group.member-add",
            "user.role-assign",
            "user.role-assign"),
        actions(admin));
    Map<String, Object> created =
        jdbc.sql(
                "SELECT actor, actor_user_id, source_address, resource_id, detail FROM audit_event"
                    + " WHERE customer_id = ? AND action = 'user.create'")
            .param(admin.customerId())
            .query()
            .singleRow();
    assertEquals(admin.email(), created.get("actor"));
    assertEquals(admin.userId(), ((Number) created.get("actor_user_id")).longValue());
    assertEquals("198.51.100.7", created.get("source_address"));
    assertEquals(Long.toString(ann.userId()), created.get("resource_id"));
    assertEquals(
        "ann@rights.example, group developers, role Server readers", created.get("detail"));
  }

  @Test
  void shouldRefuseDuplicatesWithAClearMessageAndWriteNothing() {
    Actor admin = newCustomer("dupes");
    people.createUser(admin, "bob@dupes.example", "", List.of(), List.of());
    Duplicate user =
        assertThrows(
            Duplicate.class,
            () -> people.createUser(admin, "bob@dupes.example", "", List.of(), List.of()));
    assertEquals("a user with e-mail bob@dupes.example already exists", user.getMessage());
    long group = people.createGroup(admin, "ops", null);
    Duplicate g = assertThrows(Duplicate.class, () -> people.createGroup(admin, "ops", "again"));
    assertEquals("a group named 'ops' already exists", g.getMessage());
    long other = people.createGroup(admin, "qa", null);
    assertThrows(Duplicate.class, () -> people.updateGroup(admin, other, "ops", null));
    long role = people.createRole(admin, "Auditors", null, List.of());
    Duplicate r =
        assertThrows(Duplicate.class, () -> people.createRole(admin, "Auditors", null, List.of()));
    assertEquals("a role named 'Auditors' already exists", r.getMessage());
    assertEquals(
        List.of("user.create", "group.create", "group.create", "role.create"), actions(admin));
    assertNotEquals(group, other);
    assertTrue(role > 0);
  }

  @Test
  void shouldKeepEveryWriteInsideTheActorsCustomer() {
    Actor acme = newCustomer("acme-scope");
    Actor globex = newCustomer("globex-scope");
    long group = people.createGroup(globex, "theirs", null);
    long role = people.createRole(globex, "Theirs", null, List.of());
    long user =
        people.createUser(globex, "carl@globex.example", null, List.of(), List.of()).userId();

    assertThrows(NotFound.class, () -> people.setStatus(acme, user, "disabled"));
    assertThrows(NotFound.class, () -> people.resetPassword(acme, user));
    assertThrows(NotFound.class, () -> people.deleteGroup(acme, group));
    assertThrows(NotFound.class, () -> people.updateGroup(acme, group, "mine", null));
    assertThrows(NotFound.class, () -> people.deleteRole(acme, role));
    assertThrows(NotFound.class, () -> people.addRight(acme, role, Right.of("*", "*", "ANY")));
    assertThrows(NotFound.class, () -> people.assignUserRole(acme, acme.userId(), role));
    long mine = people.createGroup(acme, "mine", null);
    assertThrows(NotFound.class, () -> people.addMember(acme, mine, user));
    NotFound e =
        assertThrows(
            NotFound.class,
            () -> people.createUser(acme, "dee@acme.example", null, List.of(group), List.of()));
    assertEquals("no group " + group, e.getMessage());
    assertEquals(
        0L,
        jdbc.sql("SELECT COUNT(*) FROM user_account WHERE email = 'dee@acme.example'")
            .query(Long.class)
            .single(),
        "nothing half-written");
    assertEquals(List.of("group.create"), actions(acme));
    assertEquals(
        "active",
        jdbc.sql("SELECT status FROM user_account WHERE id = ?")
            .param(user)
            .query(String.class)
            .single());
  }

  @Test
  void shouldChangeStatusPasswordsGroupsAndRoles() {
    Actor admin = newCustomer("changes");
    People.NewUser eve =
        people.createUser(admin, "eve@changes.example", "Eve", List.of(), List.of());
    people.setStatus(admin, eve.userId(), "DISABLED");
    assertEquals("disabled", status(eve.userId()));
    people.setStatus(admin, eve.userId(), "active");
    assertEquals("active", status(eve.userId()));
    Invalid self =
        assertThrows(Invalid.class, () -> people.setStatus(admin, admin.userId(), "disabled"));
    assertEquals("you cannot disable yourself", self.getMessage());
    assertThrows(Invalid.class, () -> people.setStatus(admin, eve.userId(), "gone"));

    String password = people.resetPassword(admin, eve.userId());
    assertNotEquals(eve.password(), password);
    String hash =
        jdbc.sql("SELECT password_hash FROM user_account WHERE id = ?")
            .param(eve.userId())
            .query(String.class)
            .single();
    assertTrue(Passwords.matches(password, hash));
    assertFalse(Passwords.matches(eve.password(), hash));

    long group = people.createGroup(admin, "ops", "before");
    people.updateGroup(admin, group, "operations", "after");
    assertEquals(
        Map.of("name", "operations", "description", "after"),
        jdbc.sql("SELECT name, description FROM user_group WHERE id = ?")
            .param(group)
            .query()
            .singleRow());
    people.addMember(admin, group, eve.userId());

    long role = people.createRole(admin, "Ops", null, List.of(Right.of("server", "stop", "MINE")));
    people.addRight(admin, role, Right.of("server", "stop", "ANY")); // widens the one it has
    people.addRight(admin, role, Right.of("volume", "read", "GROUP"));
    people.removeRight(admin, role, "volume", "read");
    assertEquals(
        List.of(Map.of("resource_type", "server", "action", "stop", "qualifier", "ANY")),
        jdbc.sql("SELECT resource_type, action, qualifier FROM role_right WHERE role_id = ?")
            .param(role)
            .query()
            .listOfRows());
    people.updateRole(admin, role, null, "stops servers");
    people.updateGroup(admin, group, null, null); // nothing changes
    assertEquals(
        Map.of("name", "Ops", "description", "stops servers"),
        jdbc.sql("SELECT name, description FROM role WHERE id = ?")
            .param(role)
            .query()
            .singleRow());
    assertEquals(
        "after",
        jdbc.sql("SELECT description FROM user_group WHERE id = ?")
            .param(group)
            .query(String.class)
            .single());

    people.assignGroupRole(admin, group, role);
    InUse inUse = assertThrows(InUse.class, () -> people.deleteRole(admin, role));
    assertEquals(
        "role 'Ops' is held by 0 user(s) and 1 group(s); unassign it first", inUse.getMessage());
    people.unassignGroupRole(admin, group, role);
    people.deleteRole(admin, role);
    people.deleteGroup(admin, group);
    assertEquals(
        0L,
        jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ?")
            .param(group)
            .query(Long.class)
            .single());
    assertEquals("active", status(eve.userId()), "its members stay");
    assertEquals(
        List.of(
            "user.create",
            "user.disable",
            "user.enable",
            "user.password-reset",
            "group.create",
            "group.update",
            "group.member-add",
            "role.create",
            "role.right-add",
            "role.right-add",
            "role.right-remove",
            "role.update",
            "group.update",
            "group.role-assign",
            "group.role-unassign",
            "role.delete",
            "group.delete"),
        actions(admin));
  }

  /** A customer with its administrator, acting from a documentation address. */
  private static Actor newCustomer(String name) {
    jdbc.sql("INSERT INTO customer (name) VALUES (?)").param(name).update();
    long customer =
        jdbc.sql("SELECT id FROM customer WHERE name = ?").param(name).query(Long.class).single();
    String email = "admin@" + name + ".example";
    jdbc.sql("INSERT INTO user_account (customer_id, email, display_name) VALUES (?, ?, ?)")
        .params(customer, email, "admin")
        .update();
    long user =
        jdbc.sql("SELECT id FROM user_account WHERE email = ?")
            .param(email)
            .query(Long.class)
            .single();
    // As stratus-admin customer create makes it: an Administrator holding every right.
    jdbc.sql("INSERT INTO role (customer_id, name) VALUES (?, 'Administrator')")
        .param(customer)
        .update();
    long role =
        jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = 'Administrator'")
            .param(customer)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
                + " VALUES (?, ?, '*', '*', 'ANY')")
        .params(customer, role)
        .update();
    jdbc.sql("INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)")
        .params(customer, user, role)
        .update();
    Actor actor = people.actor(customer, user, "198.51.100.7");
    assertEquals(email, actor.email());
    return actor;
  }

  @Test
  void shouldLetNobodyGrantMoreThanTheyHold() {
    Actor admin = newCustomer("escalation");
    long administrator =
        jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = 'Administrator'")
            .param(admin.customerId())
            .query(Long.class)
            .single();
    long helpdesk =
        people.createRole(
            admin,
            "Helpdesk",
            "manages people, reads servers",
            List.of(
                Right.of("user", "*", "ANY"),
                Right.of("role", "*", "ANY"),
                Right.of("server", "read", "ANY"),
                Right.of("server", "stop", "MINE")));
    People.NewUser bob =
        people.createUser(admin, "bob@escalation.example", "Bob", List.of(), List.of(helpdesk));
    Actor asBob = people.actor(admin.customerId(), bob.userId(), "198.51.100.8");

    AccessRefused toAdmin =
        assertThrows(
            AccessRefused.class,
            () -> people.assignUserRole(asBob, bob.userId(), administrator),
            "no one makes themselves Administrator");
    assertTrue(toAdmin.getMessage().contains("*/*/ANY"), toAdmin.getMessage());
    assertThrows(
        AccessRefused.class,
        () -> people.addRight(asBob, helpdesk, Right.of("server", "terminate", "ANY")),
        "nor widens a role they hold");
    assertThrows(
        AccessRefused.class,
        () ->
            people.createRole(asBob, "Stoppers", null, List.of(Right.of("server", "stop", "ANY"))),
        "MINE does not reach ANY");
    long admins = people.createGroup(admin, "admins", null);
    people.assignGroupRole(admin, admins, administrator);
    assertThrows(
        AccessRefused.class,
        () -> people.addMember(asBob, admins, bob.userId()),
        "nor joins a group whose roles reach further");
    assertThrows(
        AccessRefused.class,
        () ->
            people.createUser(
                asBob, "eve@escalation.example", "Eve", List.of(), List.of(administrator)),
        "nor makes a user above themselves");
    long readers =
        people.createRole(asBob, "Readers", null, List.of(Right.of("server", "read", "GROUP")));
    people.assignUserRole(asBob, bob.userId(), readers);
    Access after = new AccessLoader(database.primary()).load(admin.customerId(), bob.userId());
    assertFalse(after.may("server", "terminate"));
    assertEquals(
        0,
        jdbc.sql("SELECT COUNT(*) FROM user_role WHERE user_id = ? AND role_id = ?")
            .params(bob.userId(), administrator)
            .query(Integer.class)
            .single());
  }

  private static List<String> actions(Actor actor) {
    return jdbc.sql("SELECT action FROM audit_event WHERE customer_id = ? ORDER BY id")
        .param(actor.customerId())
        .query(String.class)
        .list();
  }

  private static String status(long user) {
    return jdbc.sql("SELECT status FROM user_account WHERE id = ?")
        .param(user)
        .query(String.class)
        .single();
  }
}
