package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.common.identity.Passwords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Users, groups and roles written through the signed API in the enStratus shapes (addUser,
 * addGroup, addRole with its acl, and the PUT changes), over the shared identity service: the
 * rights given take effect on the new user's own API key; duplicates, other customers' ids, missing
 * rights and malformed bodies are refused with 409, 404, 403 and 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiPeopleIT {
  private static final String B = Api.BASE;
  private static final String USERS = B + "/admin/User";
  private static final String GROUPS = B + "/admin/Group";
  private static final String ROLES = B + "/admin/Role";

  private ApiFixture fixture;
  private Customer acme;
  private Customer globex;
  private ApiClient admin;
  private ApiClient stranger;

  @BeforeAll
  void start() throws Exception {
    fixture = ApiFixture.readOnly("apipeople", 250);
    acme = fixture.newCustomer("acme-people");
    globex = fixture.newCustomer("globex-people");
    admin = fixture.client(acme);
    stranger = fixture.client(globex);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldCreateAUserInAGroupWhoseRoleRightsTakeEffectOnItsKeys() {
    Answer role =
        admin.post(
            ROLES,
            Map.of(
                "addRole",
                List.of(
                    Map.of(
                        "name",
                        "Server readers",
                        "description",
                        "read every server",
                        "acl",
                        List.of(
                            Map.of(
                                "resourceType",
                                "server",
                                "action",
                                "read",
                                "qualifier",
                                "ANY"))))));
    assertEquals(201, role.status(), role.raw());
    JsonNode r = role.body().path("roles").path(0);
    long roleId = r.path("roleId").asLong();
    assertEquals("Server readers", r.path("name").asText());
    assertEquals("ANY", r.path("rights").path(0).path("qualifier").asText());

    Answer group =
        admin.post(
            GROUPS,
            Map.of("addGroup", List.of(Map.of("name", "developers", "description", "devs"))));
    assertEquals(201, group.status(), group.raw());
    long groupId = group.body().path("groups").path(0).path("groupId").asLong();
    assertEquals(
        204,
        admin
            .put(
                GROUPS + "/" + groupId,
                Map.of("setRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status());

    Answer user =
        admin.post(
            USERS,
            Map.of(
                "addUser",
                List.of(
                    Map.of(
                        "email",
                        "ann@acme-people.example",
                        "firstName",
                        "Ann",
                        "lastName",
                        "Lee",
                        "groups",
                        List.of(Map.of("groupId", groupId))))));
    assertEquals(201, user.status(), user.raw());
    JsonNode u = user.body().path("users").path(0);
    long userId = u.path("userId").asLong();
    String password = u.path("password").asText();
    assertEquals(20, password.length(), "a one-time password in the answer");
    assertEquals("Ann Lee", u.path("alphaName").asText());
    assertEquals("ACTIVE", u.path("status").asText());
    String hash =
        fixture
            .jdbc()
            .sql("SELECT password_hash FROM user_account WHERE id = ?")
            .param(userId)
            .query(String.class)
            .single();
    assertTrue(Passwords.matches(password, hash), "kept only as its hash");
    Answer read = admin.get(USERS + "/" + userId);
    assertEquals(200, read.status(), read.raw());
    assertEquals(
        groupId, read.body().path("users").path(0).path("groups").path(0).path("groupId").asLong());
    assertFalse(read.raw().contains(password), "shown only once");
    assertTrue(
        admin.get(GROUPS + "/" + groupId).raw().contains("\"userId\":" + userId),
        "a member of its group");

    ApiClient ann = keyFor(userId);
    assertEquals(200, ann.get(B + "/infrastructure/Server").status(), "through its group's role");
    assertEquals(403, ann.get(B + "/infrastructure/Volume").status(), "no right given");
    assertEquals(403, ann.post(USERS, addUser("x@acme-people.example")).status());

    // Taken away through the group, given back directly, then taken by revoking the right.
    assertEquals(
        204,
        admin
            .put(
                GROUPS + "/" + groupId,
                Map.of("removeRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status());
    assertEquals(403, ann.get(B + "/infrastructure/Server").status());
    assertEquals(
        204,
        admin
            .put(
                USERS + "/" + userId,
                Map.of("grantRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status());
    assertEquals(200, ann.get(B + "/infrastructure/Server").status());
    assertEquals(
        204,
        admin
            .put(
                ROLES + "/" + roleId,
                Map.of(
                    "revoke",
                    List.of(
                        Map.of(
                            "acl", List.of(Map.of("resourceType", "server", "action", "read"))))))
            .status());
    assertEquals(403, ann.get(B + "/infrastructure/Server").status());
    assertEquals(
        204,
        admin
            .put(
                ROLES + "/" + roleId,
                Map.of(
                    "grant",
                    List.of(
                        Map.of(
                            "acl",
                            List.of(
                                Map.of(
                                    "resourceType", "*", "action", "read", "qualifier", "MINE"))))))
            .status());
    assertEquals(200, ann.get(B + "/infrastructure/Volume").status(), "a wildcard right");

    // A role still held cannot be removed; a group can, its members staying.
    Answer held = admin.delete(ROLES + "/" + roleId);
    assertEquals(409, held.status(), held.raw());
    assertTrue(held.error().contains("unassign it first"), held.raw());
    assertEquals(
        204,
        admin
            .put(
                USERS + "/" + userId,
                Map.of("revokeRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status());
    assertEquals(204, admin.delete(ROLES + "/" + roleId).status());
    assertEquals(404, admin.get(ROLES + "/" + roleId).status());
    assertEquals(204, admin.delete(GROUPS + "/" + groupId).status());
    assertEquals(404, admin.get(GROUPS + "/" + groupId).status());
    assertEquals(200, admin.get(USERS + "/" + userId).status());

    // Disabled, its keys sign nothing; enabled again, they do; a new password is shown once.
    assertEquals(
        204,
        admin
            .put(USERS + "/" + userId, Map.of("alterUser", List.of(Map.of("status", "DISABLED"))))
            .status());
    assertEquals(401, ann.get(B + "/geography/Cloud").status());
    assertEquals(
        204,
        admin
            .put(USERS + "/" + userId, Map.of("alterUser", List.of(Map.of("status", "ACTIVE"))))
            .status());
    assertEquals(403, ann.get(B + "/infrastructure/Server").status(), "signs again, no rights");
    Answer reset = admin.put(USERS + "/" + userId, Map.of("resetPassword", List.of(Map.of())));
    assertEquals(200, reset.status(), reset.raw());
    String second = reset.body().path("users").path(0).path("password").asText();
    assertEquals(20, second.length());
    assertFalse(second.equals(password));

    List<String> actions =
        fixture
            .jdbc()
            .sql(
                "SELECT action FROM audit_event WHERE customer_id = ? AND actor = ?"
                    + " AND resource_type IN ('user', 'group', 'role') ORDER BY id")
            .params(acme.id(), "admin@acme-people.example")
            .query(String.class)
            .list();
    assertTrue(
        actions.containsAll(
            List.of(
                "role.create",
                "group.create",
                "group.role-assign",
                "user.create",
                "group.role-unassign",
                "user.role-assign",
                "role.right-remove",
                "role.right-add",
                "user.role-unassign",
                "role.delete",
                "group.delete",
                "user.disable",
                "user.enable",
                "user.password-reset")),
        actions.toString());
  }

  @Test
  void shouldTakeMixcoatlsShapesAndRefuseDuplicatesWith409() {
    Answer group =
        admin.post(
            GROUPS, Map.of("addGroup", Map.of("group", Map.of("name", "ops", "description", "x"))));
    assertEquals(201, group.status(), group.raw());
    long groupId = group.body().path("groups").path(0).path("groupId").asLong();
    Answer described =
        admin.put(
            GROUPS + "/" + groupId,
            Map.of(
                "describeGroup",
                Map.of("group", Map.of("name", "operations", "description", "y"))));
    assertEquals(204, described.status(), described.raw());
    JsonNode read = admin.get(GROUPS + "/" + groupId).body().path("groups").path(0);
    assertEquals("operations", read.path("name").asText());
    assertEquals("y", read.path("description").asText());

    Answer again = admin.post(GROUPS, Map.of("addGroup", List.of(Map.of("name", "operations"))));
    assertEquals(409, again.status(), again.raw());
    assertEquals("a group named 'operations' already exists", again.error());

    Answer user =
        admin.post(
            USERS,
            Map.of(
                "addUser",
                List.of(
                    Map.of(
                        "email",
                        "bob@acme-people.example",
                        "givenName",
                        "Bob",
                        "familyName",
                        "Ray",
                        "account",
                        Map.of("accountId", 1),
                        "billingCodes",
                        List.of()))));
    assertEquals(201, user.status(), user.raw());
    Answer twice = admin.post(USERS, addUser("bob@acme-people.example"));
    assertEquals(409, twice.status(), twice.raw());
    assertEquals("a user with e-mail bob@acme-people.example already exists", twice.error());

    Answer role = admin.post(ROLES, Map.of("addRole", List.of(Map.of("name", "Auditors"))));
    assertEquals(201, role.status(), role.raw());
    Answer dupRole = admin.post(ROLES, Map.of("addRole", List.of(Map.of("name", "Auditors"))));
    assertEquals(409, dupRole.status(), dupRole.raw());
    assertTrue(dupRole.error().contains("already exists"), dupRole.raw());
  }

  @Test
  void shouldAnswerAnotherCustomersIdsWith404() {
    long groupId =
        admin
            .post(GROUPS, Map.of("addGroup", List.of(Map.of("name", "private"))))
            .body()
            .path("groups")
            .path(0)
            .path("groupId")
            .asLong();
    long roleId =
        admin
            .post(ROLES, Map.of("addRole", List.of(Map.of("name", "Private"))))
            .body()
            .path("roles")
            .path(0)
            .path("roleId")
            .asLong();
    long userId = acme.userId();
    Map<String, Object> rename = Map.of("describeGroup", List.of(Map.of("name", "mine")));
    assertEquals(404, stranger.put(GROUPS + "/" + groupId, rename).status());
    assertEquals(404, stranger.delete(GROUPS + "/" + groupId).status());
    assertEquals(
        404,
        stranger
            .put(ROLES + "/" + roleId, Map.of("describeRole", List.of(Map.of("name", "Mine"))))
            .status());
    assertEquals(404, stranger.delete(ROLES + "/" + roleId).status());
    Answer disable =
        stranger.put(
            USERS + "/" + userId, Map.of("alterUser", List.of(Map.of("status", "DISABLED"))));
    assertEquals(404, disable.status(), disable.raw());
    assertEquals("no user " + userId, disable.error());
    assertEquals(
        404,
        stranger
            .put(
                USERS + "/" + globex.userId(),
                Map.of("grantRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status(),
        "another customer's role");
    Answer intoTheirs =
        stranger.post(
            USERS,
            Map.of(
                "addUser",
                List.of(
                    Map.of(
                        "email",
                        "eve@globex-people.example",
                        "groups",
                        List.of(Map.of("groupId", groupId))))));
    assertEquals(404, intoTheirs.status(), intoTheirs.raw());
    assertEquals(
        0L,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM user_account WHERE email = 'eve@globex-people.example'")
            .query(Long.class)
            .single(),
        "nothing written");
    assertEquals(
        "private",
        admin.get(GROUPS + "/" + groupId).body().path("groups").path(0).path("name").asText());
    assertEquals(200, admin.get(B + "/geography/Cloud").status(), "still active");
  }

  @Test
  void shouldRefuseAUserWithoutTheRightsWith403() {
    long roleId =
        admin
            .post(
                ROLES,
                Map.of(
                    "addRole",
                    List.of(
                        Map.of(
                            "name",
                            "People readers",
                            "acl",
                            List.of(
                                Map.of(
                                    "resourceType", "user", "action", "read", "qualifier", "ANY"),
                                Map.of(
                                    "resourceType",
                                    "group",
                                    "action",
                                    "read",
                                    "qualifier",
                                    "ANY"))))))
            .body()
            .path("roles")
            .path(0)
            .path("roleId")
            .asLong();
    Answer created =
        admin.post(
            USERS,
            Map.of(
                "addUser",
                List.of(
                    Map.of(
                        "email",
                        "carl@acme-people.example",
                        "roles",
                        List.of(Map.of("roleId", roleId))))));
    assertEquals(201, created.status(), created.raw());
    long carlId = created.body().path("users").path(0).path("userId").asLong();
    ApiClient carl = keyFor(carlId);
    assertEquals(200, carl.get(USERS).status());
    Answer refused = carl.post(USERS, addUser("dan@acme-people.example"));
    assertEquals(403, refused.status(), refused.raw());
    assertTrue(refused.error().contains("create"), refused.raw());
    assertEquals(403, carl.post(GROUPS, Map.of("addGroup", List.of(Map.of("name", "g")))).status());
    assertEquals(403, carl.post(ROLES, Map.of("addRole", List.of(Map.of("name", "r")))).status());
    assertEquals(
        403,
        carl.put(
                USERS + "/" + carlId,
                Map.of("grantRole", List.of(Map.of("role", Map.of("roleId", roleId)))))
            .status(),
        "no user/update: cannot grant itself more");
    assertEquals(403, carl.delete(ROLES + "/" + roleId).status());
  }

  @Test
  void shouldAnswerMalformedBodiesWith400() {
    List<Object> badUsers =
        List.of(
            "not json",
            "[]",
            Map.of(),
            Map.of("addUser", List.of()),
            Map.of("addUser", List.of(Map.of())),
            Map.of("addUser", List.of(Map.of("email", "not-an-address"))),
            Map.of("addUser", List.of(Map.of("email", 7))),
            Map.of("addUser", List.of(Map.of("email", "f@acme-people.example", "groups", 4))),
            Map.of(
                "addUser",
                List.of(
                    Map.of("email", "f@acme-people.example", "groups", List.of(Map.of("id", 4))))),
            Map.of("addUser", List.of(addUser("a@acme-people.example"), addUser("b@x.example"))));
    for (Object body : badUsers) {
      Answer answer = admin.post(USERS, body);
      assertEquals(400, answer.status(), body + ": " + answer.raw());
      assertFalse(answer.error().isEmpty(), answer.raw());
    }
    Answer badEmail =
        admin.post(USERS, Map.of("addUser", List.of(Map.of("email", "not-an-address"))));
    assertEquals("the e-mail address is not valid", badEmail.error());

    Answer badRight =
        admin.post(
            ROLES,
            Map.of(
                "addRole",
                List.of(
                    Map.of(
                        "name",
                        "Bad",
                        "acl",
                        List.of(
                            Map.of(
                                "resourceType",
                                "server",
                                "action",
                                "read",
                                "qualifier",
                                "SOME"))))));
    assertEquals(400, badRight.status(), badRight.raw());
    assertEquals("a qualifier is ANY, GROUP or MINE, not SOME", badRight.error());
    Answer badType =
        admin.post(
            ROLES,
            Map.of(
                "addRole",
                List.of(
                    Map.of(
                        "name",
                        "Bad",
                        "acl",
                        List.of(
                            Map.of(
                                "resourceType",
                                "Servers!",
                                "action",
                                "read",
                                "qualifier",
                                "ANY"))))));
    assertEquals(400, badType.status(), badType.raw());
    assertEquals(
        400, admin.post(GROUPS, Map.of("addGroup", List.of(Map.of("name", " ")))).status());
    assertEquals(
        0L,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM role WHERE customer_id = ? AND name = 'Bad'")
            .param(acme.id())
            .query(Long.class)
            .single(),
        "nothing written");

    String me = USERS + "/" + acme.userId();
    List<Object> badChanges =
        List.of(
            Map.of(),
            Map.of("fly", List.of(Map.of())),
            Map.of("alterUser", List.of(Map.of())),
            Map.of("alterUser", List.of(Map.of("status", "ASLEEP"))),
            Map.of("grantRole", List.of(Map.of())),
            Map.of("grantRole", List.of(Map.of("role", Map.of("roleId", "x")))),
            Map.of(
                "alterUser",
                List.of(Map.of("status", "ACTIVE")),
                "resetPassword",
                List.of(Map.of())));
    for (Object body : badChanges) {
      Answer answer = admin.put(me, body);
      assertEquals(400, answer.status(), body + ": " + answer.raw());
    }
    Answer self = admin.put(me, Map.of("alterUser", List.of(Map.of("status", "DISABLED"))));
    assertEquals(400, self.status(), self.raw());
    assertEquals("you cannot disable yourself", self.error());
    assertEquals(
        400, admin.put(USERS + "/abc", Map.of("resetPassword", List.of(Map.of()))).status());
    assertEquals(400, admin.delete(GROUPS + "/0").status());
    assertEquals(
        400, admin.put(ROLES + "/1", Map.of("grant", List.of(Map.of("acl", List.of())))).status());
    assertEquals(200, admin.get(B + "/geography/Cloud").status(), "still active");
  }

  @Test
  void shouldRefuseARightNobodyChecksWith400NamingIt() {
    Answer created =
        admin.post(
            ROLES,
            Map.of(
                "addRole",
                List.of(Map.of("name", "Pilots", "acl", List.of(right("bogus", "fly", "ANY"))))));
    assertEquals(400, created.status(), created.raw());
    assertEquals("'bogus' is not a resource type rights are given on", created.error());

    Answer role = admin.post(ROLES, Map.of("addRole", List.of(Map.of("name", "Pilots"))));
    assertEquals(201, role.status(), role.raw());
    long roleId = role.body().path("roles").path(0).path("roleId").asLong();
    Answer granted =
        admin.put(
            ROLES + "/" + roleId,
            Map.of(
                "grant",
                List.of(
                    Map.of(
                        "acl",
                        List.of(right("server", "read", "ANY"), right("server", "fly", "ANY"))))));
    assertEquals(400, granted.status(), granted.raw());
    assertEquals("'fly' is not an action rights are given for", granted.error());
    assertEquals(
        0L,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM role_right WHERE role_id = ?")
            .param(roleId)
            .query(Long.class)
            .single(),
        "all or none: not even the known right is written");
  }

  private static Map<String, Object> right(String resourceType, String action, String qualifier) {
    return Map.of("resourceType", resourceType, "action", action, "qualifier", qualifier);
  }

  private static Map<String, Object> addUser(String email) {
    return Map.of("addUser", List.of(Map.of("email", email)));
  }

  /** An API key for the user, made by the customer's administrator. */
  private ApiClient keyFor(long userId) {
    Answer key =
        admin.post(
            B + "/admin/ApiKey",
            Map.of("generateApiKey", List.of(Map.of("user", Map.of("userId", userId)))));
    assertEquals(201, key.status(), key.raw());
    JsonNode k = key.body().path("apiKeys").path(0);
    return admin.as(k.path("accessKey").asText(), k.path("secretKey").asText());
  }
}
