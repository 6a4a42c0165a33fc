package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.ConsoleFixture;
import io.stratus.console.support.RawHttps;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What operators expect to change after the fact, over real HTTP against a console on a real
 * platform (Dispatcher, Key Manager, workers, the local cloud): a cloud account's credentials
 * replaced through the driver's fields and tested in a job, no secret ever echoed; an account
 * removed only after a page that says what that does (and what it still holds), its name kept from
 * the front.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsAndPeopleIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  /** 200 characters, the longest name an account takes; its front must survive removal. */
  private static final String LONG_NAME = "front-" + "a".repeat(194);

  private static ConsoleFixture fixture;
  private static ConsoleFixture.Customer acme;
  private static SSLContext tls;
  private static int port;
  private static RawHttps admin;
  private static long cloudId;
  private static long accountId;

  @BeforeAll
  static void startPlatform() throws Exception {
    fixture =
        ConsoleFixture.start(
            "accounts-people", "regions=local-1\nregion.local-1.mode=simulated\n", Map.of());
    acme = fixture.newCustomer("acme");
    tls = fixture.platform().km().tls("dispatcher").sslContext();
    port = URI.create(fixture.url()).getPort();
    cloudId = fixture.defineLocalCloud();
    admin = client();
    signIn(admin, acme.email(), acme.password());
  }

  @AfterAll
  static void stopPlatform() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void shouldReplaceAnAccountsCredentialsThroughTheDriversFieldsNeverEchoingThem()
      throws Exception {
    Map<String, String> credentials = fixture.platform().cloud().credentials();
    RawHttps.Response registered =
        post(
            "/accounts/new?cloud=" + cloudId,
            "/accounts",
            Map.of(
                "cloud", Long.toString(cloudId),
                "name", LONG_NAME,
                "field.accessKey", credentials.get("accessKey"),
                "field.secretKey", credentials.get("secretKey")));
    assertEquals("COMPLETE", awaitJob(registered), registered.body());
    accountId =
        fixture
            .jdbc()
            .sql("SELECT id FROM cloud_account WHERE customer_id = ? AND name = ?")
            .params(acme.id(), LONG_NAME)
            .query(Long.class)
            .single();

    RawHttps.Response page = admin.get("/accounts/" + accountId);
    assertTrue(page.body().contains("id=\"change-credentials\""), page.body());
    assertTrue(page.body().contains("id=\"remove-account\""), page.body());

    RawHttps.Response form = admin.get("/accounts/" + accountId + "/credentials");
    assertEquals(200, form.status(), form.body());
    assertTrue(form.body().contains("Access key"), "labelled from the driver's fields");
    assertTrue(
        form.body().matches("(?s).*name=\"field.secretKey\"[^>]*type=\"password\".*"),
        "the secret is a password field");
    assertFalse(form.body().contains(credentials.get("secretKey")), "no secret echoed");
    assertFalse(form.body().contains(credentials.get("accessKey")), "nothing stored is echoed");

    // A field left out: the form again, saying which, and nothing changed.
    long keyBefore = keyId();
    RawHttps.Response missing =
        post(
            "/accounts/" + accountId + "/credentials",
            "/accounts/" + accountId + "/credentials",
            Map.of("field.accessKey", credentials.get("accessKey")));
    assertEquals(400, missing.status(), missing.body());
    assertTrue(missing.alert() != null && missing.alert().contains("ecret"), missing.body());
    assertFalse(missing.body().contains(credentials.get("accessKey")), "not echoed back");
    assertEquals(keyBefore, keyId());

    // Wrong credentials: stored, tested in a job, and the account says the cloud refused them.
    String wrong = "not-the-secret-" + System.nanoTime();
    RawHttps.Response replaced =
        post(
            "/accounts/" + accountId + "/credentials",
            "/accounts/" + accountId + "/credentials",
            Map.of("field.accessKey", credentials.get("accessKey"), "field.secretKey", wrong));
    awaitJob(replaced);
    assertEquals("error", column("status"));
    assertNotEquals(keyBefore, keyId(), "the account points at the new credential");
    assertFalse(admin.get("/accounts/" + accountId).body().contains(wrong));
    assertFalse(
        admin.get("/accounts/" + accountId + "/credentials").body().contains(wrong),
        "a secret is never shown again");

    // The right ones again: active.
    RawHttps.Response repaired =
        post(
            "/accounts/" + accountId + "/credentials",
            "/accounts/" + accountId + "/credentials",
            Map.of(
                "field.accessKey",
                credentials.get("accessKey"),
                "field.secretKey",
                credentials.get("secretKey")));
    assertEquals("COMPLETE", awaitJob(repaired));
    assertEquals("active", column("status"));
  }

  @Test
  @Order(2)
  void shouldSayWhatRemovingAnAccountDoesAndRemoveItOnlyOnceConfirmedAndEmpty() throws Exception {
    long region =
        fixture
            .jdbc()
            .sql("SELECT id FROM region WHERE cloud_account_id = ? LIMIT 1")
            .param(accountId)
            .query(Long.class)
            .single();
    RawHttps.Response created =
        post(
            "/volumes/new?region=" + region,
            "/volumes",
            Map.of("region", Long.toString(region), "name", "data", "sizeGb", "1"));
    assertEquals("COMPLETE", awaitJob(created), created.body());

    RawHttps.Response question = admin.get("/accounts/" + accountId + "/remove");
    assertEquals(200, question.status(), question.body());
    assertTrue(question.body().contains("nothing in the cloud is stopped, changed or"));
    assertTrue(question.body().contains("deleted from the Key Manager"), question.body());
    assertTrue(question.body().contains("1 volume(s)"), "what it still holds: " + question.body());
    assertFalse(question.body().contains("confirm-remove"), "nothing to confirm while it holds");

    // Sent anyway: the Dispatcher refuses it, naming what is left; nothing changes.
    RawHttps.Response refused =
        admin.postForm(
            "/accounts/" + accountId + "/remove",
            Map.of("confirmed", "yes", "_csrf", question.csrf()),
            Map.of());
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.body().contains("1 volume(s)"), refused.body());
    assertEquals("active", column("status"));

    long volume =
        fixture
            .jdbc()
            .sql("SELECT id FROM volume WHERE cloud_account_id = ? AND name = 'data'")
            .param(accountId)
            .query(Long.class)
            .single();
    assertEquals(
        "COMPLETE",
        awaitJob(post("/volumes", "/volumes/" + volume + "/remove", Map.of())),
        "the volume removed");

    question = admin.get("/accounts/" + accountId + "/remove");
    assertTrue(question.body().contains("confirm-remove"), question.body());
    // Without the confirmation the form only leads to the question.
    RawHttps.Response unconfirmed =
        admin.postForm(
            "/accounts/" + accountId + "/remove", Map.of("_csrf", question.csrf()), Map.of());
    assertEquals(302, unconfirmed.status());
    assertEquals("/accounts/" + accountId + "/remove", unconfirmed.location());
    assertEquals("active", column("status"));

    RawHttps.Response removed =
        admin.postForm(
            "/accounts/" + accountId + "/remove",
            Map.of("confirmed", "yes", "_csrf", question.csrf()),
            Map.of());
    assertEquals(302, removed.status(), removed.body());
    assertEquals("/accounts", removed.location());
    assertEquals("removed", column("status"));
    String name = column("name");
    assertEquals(200, name.length(), name);
    assertTrue(name.startsWith("front-aaa"), "the front of the name is kept: " + name);
    assertTrue(name.endsWith("a (removed " + accountId + ")"), name);
    RawHttps.Response list = admin.get("/accounts");
    assertTrue(list.body().contains("nothing in the cloud was changed"), list.body());
    String link = "href=\"/accounts/" + accountId + "\"";
    assertFalse(list.body().contains(link), "removed accounts are hidden by default");
    assertTrue(admin.get("/accounts?ended=1").body().contains(link), "shown on asking");
  }

  @Test
  @Order(3)
  void shouldRenameAndDeleteUsersGroupsAndRolesSayingFirstWhatGoesWithThem() throws Exception {
    String email = "leaver@acme.example";
    long role = created(post("/people", "/people/roles", Map.of("name", "Watchers")));
    String password = fixture.newUser(acme.id(), email, "Watchers");
    long user = userId(email);
    RawHttps leaver = client();
    signIn(leaver, email, password);
    assertNotEquals(302, leaver.get("/").status(), "signed in");

    long group = created(post("/people", "/people/groups", Map.of("name", "night shift")));
    post(
        "/people/groups/" + group,
        "/people/groups/" + group + "/members",
        Map.of("user", "" + user));
    post("/api-keys", "/api-keys", Map.of("name", "ci", "expiresInDays", "30", "user", "" + user));
    assertEquals(1L, count("SELECT COUNT(*) FROM api_key WHERE user_id = ?", user));

    // Renaming: a user's display name, a group's and a role's name.
    post(
        "/people/users/" + user,
        "/people/users/" + user + "/name",
        Map.of("displayName", "Lee Ver"));
    assertEquals("Lee Ver", text("SELECT display_name FROM user_account WHERE id = ?", user));
    post(
        "/people/groups/" + group,
        "/people/groups/" + group + "/name",
        Map.of("name", "late shift"));
    assertEquals("late shift", text("SELECT name FROM user_group WHERE id = ?", group));
    post("/people/roles/" + role, "/people/roles/" + role + "/name", Map.of("name", "Lookers"));
    assertEquals("Lookers", text("SELECT name FROM role WHERE id = ?", role));
    RawHttps.Response taken =
        post(
            "/people/roles/" + role,
            "/people/roles/" + role + "/name",
            Map.of("name", "Administrator"));
    assertEquals(409, taken.status(), "a name taken: " + taken.body());

    // A role still held: the question says so and offers nothing; sent anyway, refused.
    RawHttps.Response held = admin.get("/people/roles/" + role + "/delete");
    assertTrue(held.body().contains("held by 1 user(s) and 0 group(s)"), held.body());
    assertFalse(held.body().contains("confirm-delete"), held.body());
    RawHttps.Response inUse =
        admin.postForm(
            "/people/roles/" + role + "/delete",
            Map.of("confirmed", "yes", "_csrf", held.csrf()),
            Map.of());
    assertEquals(409, inUse.status(), inUse.body());
    assertEquals(1L, count("SELECT COUNT(*) FROM role WHERE id = ?", role));

    // The user: the question says what goes with it; unconfirmed, the form only leads there.
    RawHttps.Response question = admin.get("/people/users/" + user + "/delete");
    assertEquals(200, question.status(), question.body());
    for (String said :
        List.of(
            "signed out of every session",
            "1 API key(s) are deleted",
            "leaves its 1 group(s) and loses its 1 role(s)",
            "resources it launched stay")) {
      assertTrue(question.body().contains(said), said + " in " + question.body());
    }
    RawHttps.Response unconfirmed =
        admin.postForm(
            "/people/users/" + user + "/delete", Map.of("_csrf", question.csrf()), Map.of());
    assertEquals(302, unconfirmed.status());
    assertEquals("/people/users/" + user + "/delete", unconfirmed.location());
    assertEquals(1L, count("SELECT COUNT(*) FROM user_account WHERE id = ?", user));

    RawHttps.Response deleted =
        admin.postForm(
            "/people/users/" + user + "/delete",
            Map.of("confirmed", "yes", "_csrf", question.csrf()),
            Map.of());
    assertEquals(302, deleted.status(), deleted.body());
    assertEquals("/people", deleted.location());
    assertEquals(0L, count("SELECT COUNT(*) FROM user_account WHERE id = ?", user));
    assertEquals(0L, count("SELECT COUNT(*) FROM api_key WHERE user_id = ?", user));
    assertEquals(0L, count("SELECT COUNT(*) FROM group_member WHERE user_id = ?", user));
    assertEquals(0L, count("SELECT COUNT(*) FROM user_role WHERE user_id = ?", user));
    assertEquals(
        1L,
        count(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'user.delete' AND resource_id = ?",
            user));
    RawHttps.Response after = leaver.get("/");
    assertEquals(302, after.status(), "the user's session ended");
    assertEquals("/signin", after.location());
    assertEquals(302, signIn(client(), email, password).status());
    assertEquals(0L, count("SELECT COUNT(*) FROM user_account WHERE email = ?", email));

    // Nobody deletes themselves.
    RawHttps.Response self = admin.get("/people/users/" + acme.userId() + "/delete");
    assertTrue(self.body().contains("You cannot delete yourself"), self.body());
    assertFalse(self.body().contains("confirm-delete"));
    RawHttps.Response selfSent =
        admin.postForm(
            "/people/users/" + acme.userId() + "/delete",
            Map.of("confirmed", "yes", "_csrf", self.csrf()),
            Map.of());
    assertEquals(400, selfSent.status(), selfSent.body());

    // The role, no longer held, and the group go; the group's members would stay.
    RawHttps.Response groupQuestion = admin.get("/people/groups/" + group + "/delete");
    assertTrue(groupQuestion.body().contains("member(s) stay users"), groupQuestion.body());
    assertEquals(
        302,
        admin
            .postForm(
                "/people/groups/" + group + "/delete",
                Map.of("confirmed", "yes", "_csrf", groupQuestion.csrf()),
                Map.of())
            .status());
    assertEquals(0L, count("SELECT COUNT(*) FROM user_group WHERE id = ?", group));
    RawHttps.Response roleQuestion = admin.get("/people/roles/" + role + "/delete");
    assertTrue(roleQuestion.body().contains("confirm-delete"), roleQuestion.body());
    assertEquals(
        302,
        admin
            .postForm(
                "/people/roles/" + role + "/delete",
                Map.of("confirmed", "yes", "_csrf", roleQuestion.csrf()),
                Map.of())
            .status());
    assertEquals(0L, count("SELECT COUNT(*) FROM role WHERE id = ?", role));
  }

  @Test
  @Order(4)
  void shouldMakeAUserSignedInWithAMadePasswordChooseItsOwnBeforeAnythingElse() throws Exception {
    String email = "first@acme.example";
    long administrator =
        count("SELECT id FROM role WHERE customer_id = ? AND name = 'Administrator'", acme.id());
    long user =
        created(
            post(
                "/people",
                "/people/users",
                Map.of("email", email, "displayName", "First", "role", "" + administrator)));
    String made = shownPassword(admin.get("/people/users/" + user));
    assertEquals(1L, mustChange(email), "a console-made user changes its password first");

    RawHttps first = client();
    signIn(first, email, made);
    for (String page : List.of("/", "/servers", "/people", "/api-keys")) {
      RawHttps.Response answer = first.get(page);
      assertEquals(302, answer.status(), page);
      assertEquals("/me/password", answer.location(), page);
    }
    RawHttps.Response form = first.get("/me/password");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("Choose your own password"), form.body());
    RawHttps.Response keyRefused =
        first.postForm("/api-keys", Map.of("name", "early", "_csrf", form.csrf()), Map.of());
    assertEquals("/me/password", keyRefused.location(), "no form does anything first");
    assertEquals(0L, count("SELECT COUNT(*) FROM api_key WHERE user_id = ?", user));

    String chosen = "a lantern beside the quarry";
    RawHttps.Response changed = changePassword(first, made, chosen);
    assertEquals("/", changed.location(), "on to the dashboard once chosen");
    assertEquals(0L, mustChange(email));
    assertEquals(200, first.get("/servers").status(), "every page again");

    // A reset: the user's sessions end, and the reset password must be replaced too.
    RawHttps.Response userPage = admin.get("/people/users/" + user);
    admin.postForm(
        "/people/users/" + user + "/password", Map.of("_csrf", userPage.csrf()), Map.of());
    String reset = shownPassword(admin.get("/people/users/" + user));
    assertEquals(1L, mustChange(email));
    assertEquals("/signin", first.get("/servers").location(), "signed out by the reset");
    signIn(first, email, reset);
    assertEquals("/me/password", first.get("/servers").location());
    changePassword(first, reset, "another lantern by the weir");
    assertEquals(200, first.get("/servers").status());

    // The admin command's users too.
    ConsoleFixture.AdminRun run =
        fixture.admin(
            "user", "create", "--customer", "" + acme.id(), "--email", "cli@acme.example");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("chooses its own password at its first sign-in"), run.out());
    assertEquals(1L, mustChange("cli@acme.example"));
  }

  // Helpers

  private static RawHttps client() {
    return new RawHttps(tls, port, null);
  }

  private static RawHttps.Response signIn(RawHttps http, String email, String password)
      throws IOException {
    RawHttps.Response form = http.get("/signin");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("password", password);
    fields.put("_csrf", form.csrf());
    RawHttps.Response answer = http.postForm("/signin", fields, Map.of());
    assertEquals(302, answer.status(), answer.body());
    return answer;
  }

  /** Opens {@code page} for its CSRF token, then posts the form to {@code action}. */
  private static RawHttps.Response post(String page, String action, Map<String, String> fields)
      throws IOException {
    RawHttps.Response form = admin.get(page);
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", form.csrf());
    return admin.postForm(action, all, Map.of());
  }

  /** Follows a form's redirect to its job and waits for the job to end; returns its status. */
  private static String awaitJob(RawHttps.Response accepted) throws InterruptedException {
    assertEquals(302, accepted.status(), accepted.body());
    String location = accepted.location();
    assertTrue(location.startsWith("/jobs/"), location);
    long job = Long.parseLong(location.substring("/jobs/".length()));
    Instant limit = Instant.now().plus(JOB_LIMIT);
    while (Instant.now().isBefore(limit)) {
      String status =
          fixture
              .jdbc()
              .sql("SELECT status FROM job WHERE id = ?")
              .param(job)
              .query(String.class)
              .single();
      if (!"RUNNING".equals(status)) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + job + " still running after " + JOB_LIMIT);
  }

  /** The once-shown password on a user's page. */
  private static String shownPassword(RawHttps.Response page) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("id=\"new-password\">([^<]+)<").matcher(page.body());
    assertTrue(m.find(), page.body());
    return m.group(1).strip();
  }

  private static RawHttps.Response changePassword(RawHttps http, String current, String chosen)
      throws IOException {
    RawHttps.Response form = http.get("/me/password");
    RawHttps.Response answer =
        http.postForm(
            "/me/password",
            Map.of("current", current, "chosen", chosen, "repeated", chosen, "_csrf", form.csrf()),
            Map.of());
    assertEquals(302, answer.status(), answer.body());
    return answer;
  }

  private static long mustChange(String email) {
    return count("SELECT password_must_change FROM user_account WHERE email = ?", email);
  }

  /** The id at the end of the redirect's location ({@code /people/groups/7} → 7). */
  private static long created(RawHttps.Response answer) {
    assertEquals(302, answer.status(), answer.body());
    String location = answer.location();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private static long userId(String email) {
    return count("SELECT id FROM user_account WHERE email = ?", email);
  }

  private static long count(String sql, Object param) {
    return fixture.jdbc().sql(sql).param(param).query(Long.class).single();
  }

  private static String text(String sql, Object param) {
    return fixture.jdbc().sql(sql).param(param).query(String.class).single();
  }

  private static String column(String column) {
    return fixture
        .jdbc()
        .sql("SELECT CAST(" + column + " AS CHAR) FROM cloud_account WHERE id = ?")
        .param(accountId)
        .query(String.class)
        .single();
  }

  private static long keyId() {
    return Long.parseLong(column("km_key_id"));
  }
}
