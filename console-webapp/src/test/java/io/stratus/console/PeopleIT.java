package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.Browser;
import io.stratus.console.support.ConsoleFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * People, API keys and the audit log in a real browser: the customer's administrator creates a
 * user, whose first password is shown once and signs the user in, to choose its own before anything
 * else; gives it a role with one right and puts it in a group; creates an API key, whose secret is
 * shown once, and revokes it; finds the user's creation in the audit log; asks before disabling the
 * user. No cloud account is needed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleIT {
  private static final String EMAIL = "dev@people.example";

  private static ConsoleFixture fixture;
  private static ConsoleFixture.Customer customer;
  private static Browser browser;
  private static Browser other;
  private static String password;
  private static String userUrl;

  @BeforeAll
  static void startPlatform() throws Exception {
    fixture =
        ConsoleFixture.start("people", "regions=local-1\nregion.local-1.mode=process\n", Map.of());
    customer = fixture.newCustomer("people");
    browser = new Browser(1280, 1000);
  }

  @AfterAll
  static void stopPlatform() {
    if (other != null) {
      other.close();
    }
    if (browser != null) {
      browser.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void shouldCreateAUserWhosePasswordIsShownOnce() throws Exception {
    browser.signIn(fixture.url(), customer.email(), customer.password());
    browser.open(fixture.url() + "/people");
    assertTrue(browser.text("#user-list").contains(customer.email()));
    browser.find("#user-email").sendKeys(EMAIL);
    browser.find("#user-name").sendKeys("Dev One");
    browser.go("#create-user");
    password = browser.text("#new-password").strip();
    assertEquals(20, password.length(), password);
    userUrl = browser.driver().getCurrentUrl();
    String hash =
        fixture
            .jdbc()
            .sql("SELECT password_hash FROM user_account WHERE email = ?")
            .param(EMAIL)
            .query(String.class)
            .single();
    assertTrue(hash.startsWith("$argon2id$"), "kept only as its Argon2id hash");

    // The form answered with a redirect to the user's page: a refresh shows the password no more.
    assertTrue(userUrl.matches(".*/people/users/\\d+$"), userUrl);
    browser.driver().navigate().refresh();
    assertFalse(browser.has("#new-password"), "shown once, not on a refresh");
    assertFalse(browser.driver().getPageSource().contains(password));

    // Shown once: the user's page does not show it again.
    browser.open(fixture.url() + "/people");
    browser.driver().findElement(By.linkText(EMAIL)).click();
    userUrl = browser.driver().getCurrentUrl();
    assertFalse(browser.has("#new-password"));
    assertFalse(browser.driver().getPageSource().contains(password));

    // The same e-mail again: a clear refusal, not a failure.
    browser.open(fixture.url() + "/people");
    browser.find("#user-email").sendKeys(EMAIL);
    browser.go("#create-user");
    assertTrue(browser.text("#problem").contains("already exists"), browser.text("#problem"));

    // Signed in with it, the user must choose its own password before anything else.
    other = new Browser(1024, 768);
    other.signIn(fixture.url(), EMAIL, password);
    assertTrue(other.driver().getCurrentUrl().endsWith("/me/password"), "signed in with it");
    assertTrue(other.text("#password-first").contains("Choose your own password"));
    other.open(fixture.url() + "/servers");
    assertTrue(other.driver().getCurrentUrl().endsWith("/me/password"), "nothing else first");
    String chosen = "a lantern beside the quarry";
    other.find("#current").sendKeys(password);
    other.find("#chosen").sendKeys(chosen);
    other.find("#repeated").sendKeys(chosen);
    other.go("#change-password");
    assertFalse(other.driver().getCurrentUrl().endsWith("/me/password"), "on to the dashboard");
    other.open(fixture.url() + "/servers");
    assertTrue(other.text("#problem").contains("may not read"), other.text("#problem"));
  }

  @Test
  @Order(2)
  void shouldGrantARoleAndAGroup() throws Exception {
    browser.open(fixture.url() + "/people");
    browser.find("#role-name").sendKeys("Server readers");
    browser.find("#role-description").sendKeys("sees every server");
    browser.go("#create-role");
    new Select(browser.find("#right-resource")).selectByValue("server");
    new Select(browser.find("#right-action")).selectByValue("read");
    new Select(browser.find("#right-qualifier")).selectByValue("ANY");
    browser.go("#add-right-submit");
    String rights = browser.text("#role-rights");
    assertTrue(rights.contains("server") && rights.contains("read") && rights.contains("ANY"));

    browser.open(userUrl);
    new Select(browser.find("#assign-role")).selectByVisibleText("Server readers");
    browser.go("#assign-role-submit");
    assertTrue(browser.text("#user-roles").contains("Server readers"));

    // Rights are read on every request: the signed-in user may now list servers.
    other.open(fixture.url() + "/servers");
    assertTrue(other.driver().getCurrentUrl().endsWith("/servers"));
    assertFalse(other.has("#problem"), "no refusal");
    assertTrue(other.text("h1").contains("Servers"));

    browser.open(fixture.url() + "/people");
    browser.find("#group-name").sendKeys("developers");
    browser.go("#create-group");
    new Select(browser.find("#add-member")).selectByVisibleText(EMAIL);
    browser.go("#add-member-submit");
    assertTrue(browser.text("#group-members").contains(EMAIL));

    browser.open(fixture.url() + "/people");
    assertTrue(browser.text("#group-list").contains("developers"));
    browser.screenshot("30-people");
  }

  @Test
  @Order(3)
  void shouldRefuseARightNotInTheListWithTheFormAgain() {
    long role =
        fixture
            .jdbc()
            .sql("SELECT id FROM role WHERE customer_id = ? AND name = 'Server readers'")
            .param(customer.id())
            .query(Long.class)
            .single();
    browser.open(fixture.url() + "/people/roles/" + role);
    assertTrue(
        new Select(browser.find("#right-action"))
            .getOptions().stream().anyMatch(o -> "script".equals(o.getAttribute("value"))),
        "every action a right is checked for is offered");
    // What a hand-made request sends: a right nobody checks.
    browser
        .driver()
        .executeScript(
            "document.querySelector('#right-resource').add(new Option('bogus', 'bogus', true, true));"
                + "document.querySelector('#right-action').add(new Option('fly', 'fly', true, true));");
    browser.go("#add-right-submit");
    assertTrue(
        browser.text("#problem").contains("'bogus' is not a resource type"),
        browser.text("#problem"));
    assertTrue(browser.has("#add-right-submit"), "the form is shown again");
    assertEquals(
        0,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM role_right WHERE role_id = ? AND resource_type = 'bogus'")
            .param(role)
            .query(Integer.class)
            .single());
  }

  @Test
  @Order(4)
  void shouldShowAnApiKeysSecretOnceAndRevokeIt() throws Exception {
    browser.open(fixture.url() + "/api-keys");
    browser.find("#key-name").sendKeys("ci");
    browser.find("#key-expiry").sendKeys("30");
    browser.go("#create-key");
    String accessKey = browser.text("#new-access-key").strip();
    String secret = browser.text("#new-secret-key").strip();
    assertEquals(20, accessKey.length());
    assertEquals(40, secret.length());
    byte[] sealed =
        fixture
            .jdbc()
            .sql("SELECT secret_ciphertext FROM api_key WHERE access_key = ?")
            .param(accessKey)
            .query(byte[].class)
            .single();
    assertFalse(new String(sealed).contains(secret), "kept only sealed");
    assertFalse(browser.driver().getCurrentUrl().contains(secret), "never in an address");

    // The form answered with a redirect: a refresh makes no second key and shows no secret.
    browser.driver().navigate().refresh();
    assertFalse(browser.has("#new-secret-key"), "shown once, not on a refresh");
    assertEquals(
        1,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM api_key WHERE customer_id = ? AND name = 'ci'")
            .param(customer.id())
            .query(Integer.class)
            .single(),
        "one key");

    browser.open(fixture.url() + "/api-keys");
    assertFalse(browser.driver().getPageSource().contains(secret), "never shown again");
    assertTrue(browser.text("#key-" + accessKey).contains("active"));
    browser.find("#revoke-" + accessKey).click();
    browser.driver().switchTo().alert().accept();
    browser.awaitText(
        "#key-" + accessKey + " .key-status", java.time.Duration.ofSeconds(10), "revoked");
    assertFalse(browser.driver().getPageSource().contains(secret), "never shown again");
    assertFalse(browser.has("#revoke-" + accessKey), "nothing left to revoke");
    assertEquals(
        "revoked",
        fixture
            .jdbc()
            .sql("SELECT status FROM api_key WHERE access_key = ? AND revoked_at IS NOT NULL")
            .param(accessKey)
            .query(String.class)
            .single());
    browser.screenshot("31-api-keys");
  }

  @Test
  @Order(5)
  void shouldFindTheUsersCreationInTheAuditLog() throws Exception {
    browser.open(fixture.url() + "/audit");
    browser.find("#filter-actor").sendKeys(customer.email());
    browser.find("#filter-action").sendKeys("user.create");
    browser.go("#filter");
    String log = browser.text("#audit-list");
    assertTrue(log.contains("user.create") && log.contains(EMAIL), log);
    assertFalse(log.contains("signin"), "filtered by action: " + log);
    browser.screenshot("32-audit");

    browser.open(fixture.url() + "/audit?actor=nobody-at-all");
    assertFalse(browser.has("#audit-list"), "no events match");
  }

  @Test
  @Order(6)
  void shouldAskBeforeDisablingAUserWithoutAScript() {
    browser.open(userUrl);
    browser.go("#disable-user");
    assertTrue(browser.text("h1").contains("Disable " + EMAIL), browser.text("h1"));
    assertEquals("active", userStatus(), "asking changes nothing");
    browser.go("#cancel-disable");
    assertEquals(userUrl, browser.driver().getCurrentUrl());
    assertEquals("active", browser.text("#user-status"));

    // The status form sent without the confirmation only leads to the question.
    browser.go("#disable-user");
    browser.driver().executeScript("document.querySelector('input[name=confirmed]').remove();");
    browser.go("#confirm-disable");
    assertTrue(browser.has("#confirm-disable"), "asked again");
    assertEquals("active", userStatus());

    browser.go("#confirm-disable");
    assertEquals(userUrl, browser.driver().getCurrentUrl());
    assertEquals("disabled", browser.text("#user-status"));
    assertEquals("disabled", userStatus());
  }

  private static String userStatus() {
    return fixture
        .jdbc()
        .sql("SELECT status FROM user_account WHERE email = ?")
        .param(EMAIL)
        .query(String.class)
        .single();
  }
}
