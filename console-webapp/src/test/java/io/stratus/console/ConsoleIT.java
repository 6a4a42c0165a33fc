package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.Browser;
import io.stratus.console.support.BrowserConsoleTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (Debian's Chromium, headless) over a whole real platform: an
 * operator signs in, adds a local-cloud account through the driver's form, launches a server
 * through the wizard and watches its job complete without reloading, stops and terminates it; the
 * session survives a console restart; a form without its CSRF token is refused; the tenth wrong
 * password is throttled; a user without the launch right is offered no launch and refused one.
 * Screenshots of the main pages land in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT extends BrowserConsoleTest {
  private static long serverId;

  @BeforeAll
  static void startPlatform() throws Exception {
    start("console", PROCESSES);
  }

  @Test
  @Order(1)
  void shouldSignInAndRotateTheSessionId() throws Exception {
    browser.open(fixture.url() + "/servers");
    assertTrue(browser.driver().getCurrentUrl().endsWith("/signin"), "sent to sign in first");
    browser.screenshot("01-signin");
    Cookie before = browser.manage().getCookieNamed("STRATUS_SESSION");
    assertNotNull(before, "a session (for the CSRF token) before sign-in");
    assertTrue(before.isSecure() && before.isHttpOnly());

    browser.signIn(fixture.url(), acme.email(), acme.password());
    assertTrue(
        browser.driver().getCurrentUrl().contains("/servers"),
        "back where it was going: " + browser.driver().getCurrentUrl());
    Cookie after = browser.manage().getCookieNamed("STRATUS_SESSION");
    assertNotEquals(before.getValue(), after.getValue(), "session id rotated at sign-in");
    assertEquals(
        1,
        fixture
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'signin'"
                    + " AND outcome = 'success'")
            .param(acme.email())
            .query(Integer.class)
            .single());
  }

  @Test
  @Order(2)
  void shouldAddALocalCloudAccountFromTheDriversForm() throws Exception {
    Map<String, String> credentials = fixture.platform().cloud().credentials();
    browser.open(fixture.url() + "/accounts");
    browser.go("#add-account");
    browser.go("#next");
    browser.find("#account-name").sendKeys("local");
    assertEquals("password", browser.find("#field-secretKey").getAttribute("type"), "masked");
    browser.find("#field-accessKey").sendKeys(credentials.get("accessKey"));
    browser.find("#field-secretKey").sendKeys(credentials.get("secretKey"));
    browser.screenshot("02-account-new");
    browser.go("#register");
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));

    browser.open(fixture.url() + "/accounts");
    assertTrue(browser.text("table").contains("active"), browser.text("table"));
    browser.driver().findElement(org.openqa.selenium.By.linkText("local")).click();
    assertTrue(browser.text("#regions").contains("local-1"));
    browser.screenshot("03-account");
    assertFalse(
        browser.driver().getPageSource().contains(credentials.get("secretKey")),
        "the secret is never shown again");

    browser.go("#test-connection");
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
  }

  @Test
  @Order(3)
  void shouldLaunchThroughTheWizardAndFollowTheJobLive() throws Exception {
    browser.open(fixture.url() + "/servers");
    browser.go("#launch");
    browser.go("#next"); // the only account
    browser.go("#next"); // the only region
    new Select(browser.find("#image")).selectByIndex(0);
    new Select(browser.find("#product")).selectByIndex(0);
    browser.find("#name").sendKeys("web-1");
    browser.screenshot("04-launch-wizard");
    browser.go("#launch-submit");
    String jobUrl = browser.driver().getCurrentUrl();
    assertTrue(jobUrl.matches(".*/jobs/\\d+$"), jobUrl);
    // The page polls its own progress: no reload here.
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
    assertEquals(jobUrl, browser.driver().getCurrentUrl());
    browser.screenshot("05-job-complete");

    browser.go("dl.facts a");
    serverId = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/servers/", ""));
    assertEquals("running", browser.text("#server-state"));
    assertTrue(browser.has("#action-stop") && browser.has("#action-terminate"));
    assertFalse(browser.has("#action-start"), "start is not offered to a running server");
    browser.screenshot("06-server");

    browser.go("#action-stop");
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
    browser.open(fixture.url() + "/servers/" + serverId);
    assertEquals("stopped", browser.text("#server-state"));
    assertTrue(browser.has("#action-start"));

    browser.open(fixture.url() + "/servers");
    assertTrue(browser.text("#server-list").contains("web-1"));
    browser.screenshot("07-servers");
    browser.open(fixture.url() + "/");
    browser.screenshot("08-dashboard");
  }

  @Test
  @Order(4)
  void shouldAskBeforeTerminating() throws Exception {
    browser.open(fixture.url() + "/servers/" + serverId);
    browser.find("#action-terminate").click();
    browser.driver().switchTo().alert().dismiss();
    assertTrue(browser.driver().getCurrentUrl().endsWith("/servers/" + serverId), "not sent");
    browser.find("#action-terminate").click();
    browser.driver().switchTo().alert().accept();
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
    browser.open(fixture.url() + "/servers/" + serverId);
    assertEquals("terminated", browser.text("#server-state"));
    browser.open(fixture.url() + "/jobs");
    browser.screenshot("09-jobs");
  }

  @Test
  @Order(5)
  void shouldKeepTheSessionAcrossAConsoleRestart() {
    fixture.restartConsole();
    browser.open(fixture.url() + "/servers");
    assertTrue(
        browser.driver().getCurrentUrl().endsWith("/servers"),
        "still signed in: " + browser.driver().getCurrentUrl());
    assertTrue(browser.has("#launch"));
  }

  @Test
  @Order(6)
  void shouldRefuseAFormPostedWithoutItsCsrfToken() throws Exception {
    Cookie session = browser.manage().getCookieNamed("STRATUS_SESSION");
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(fixture.platform().km().tls("dispatcher").sslContext())
            .build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(fixture.url() + "/servers/" + serverId + "/start"))
                .header("Cookie", "STRATUS_SESSION=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("CSRF token"), response.body());
  }

  @Test
  @Order(7)
  void shouldThrottleTheTenthWrongPasswordInARow() throws Exception {
    String email = "ops@acme.example";
    String password = fixture.newUser(acme.id(), email, "Administrator");
    try (Browser other = new Browser(1024, 768)) {
      other.signIn(fixture.url(), email, "not the password 0");
      String first = other.text("[role=alert]");
      assertTrue(first.contains("Wrong e-mail address or password"), first);
      for (int i = 1; i <= 10; i++) {
        other.signIn(fixture.url(), email, "not the password " + i);
        // A paused account says what any failure says: the words reveal no account.
        assertEquals(first, other.text("[role=alert]"), "attempt " + i);
      }
      other.screenshot("10-signin-throttled");
      other.signIn(fixture.url(), email, password);
      assertEquals(
          first, other.text("[role=alert]"), "even the right password waits out the pause");
    }
    assertEquals(
        7,
        fixture
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM audit_event WHERE actor = ? AND outcome = 'refused'"
                    + " AND detail = 'throttled'")
            .param(email)
            .query(Integer.class)
            .single(),
        "attempts 5 to 10 and the right password were refused unchecked");
  }

  @Test
  @Order(8)
  void shouldNeitherOfferNorAllowALaunchWithoutTheRight() throws Exception {
    String email = "viewer@acme.example";
    String password = newReader("Viewer", email, List.of("server", "job", "account"));
    try (Browser viewer = new Browser(820, 1100)) {
      viewer.signIn(fixture.url(), email, password);
      viewer.open(fixture.url() + "/servers");
      assertTrue(viewer.driver().getCurrentUrl().endsWith("/servers"));
      assertFalse(viewer.has("#launch"), "no launch button");
      viewer.screenshot("11-servers-viewer-tablet");

      viewer.open(fixture.url() + "/servers/launch");
      assertTrue(viewer.text("#problem").contains("may not launch"), viewer.text("#problem"));

      // Posting the launch form directly, with a valid CSRF token: refused with 403.
      Object status =
          viewer
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "const headers = JSON.parse(document.body.getAttribute('hx-headers'));"
                      + "headers['Content-Type'] = 'application/x-www-form-urlencoded';"
                      + "fetch('/servers/launch', {method: 'POST', headers: headers,"
                      + " body: 'region=1&image=1&product=1&name=sneaky'})"
                      + ".then(r => done(r.status), e => done(String(e)));");
      assertEquals(403L, status);
    }
    assertEquals(
        0,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM server WHERE name = 'sneaky'")
            .query(Integer.class)
            .single());
  }

  @Test
  @Order(9)
  void shouldChangeTheOwnPasswordAndSignOutTheOtherSessions() throws Exception {
    String email = "pat@acme.example";
    String first = fixture.newUser(acme.id(), email, "Administrator");
    String chosen = "a brand new passphrase";
    try (Browser one = new Browser(1280, 900);
        Browser two = new Browser(1024, 768)) {
      one.signIn(fixture.url(), email, first);
      two.signIn(fixture.url(), email, first);
      one.open(fixture.url() + "/me/password");
      one.find("#current").sendKeys("not my password at all");
      one.find("#chosen").sendKeys(chosen);
      one.find("#repeated").sendKeys(chosen);
      one.go("#change-password");
      assertTrue(one.text("[role=alert]").contains("current password is wrong"));

      one.find("#current").sendKeys(first);
      one.find("#chosen").sendKeys(chosen);
      one.find("#repeated").sendKeys(chosen);
      one.go("#change-password");
      assertTrue(
          one.text("[role=status]").contains("1 other session was signed out"),
          one.text("[role=status]"));
      one.screenshot("12-password-changed");

      two.open(fixture.url() + "/servers");
      assertTrue(
          two.driver().getCurrentUrl().endsWith("/signin"),
          "the other browser is signed out: " + two.driver().getCurrentUrl());
      one.open(fixture.url() + "/servers");
      assertTrue(one.driver().getCurrentUrl().endsWith("/servers"), "this one stays signed in");

      two.signIn(fixture.url(), email, first);
      String refusal = two.text("[role=alert]");
      assertTrue(refusal.contains("Wrong e-mail address or password"), refusal);
      two.signIn(fixture.url(), email, chosen);
      assertFalse(two.driver().getCurrentUrl().contains("/signin"), "the new password works");
    }
    assertEquals(
        1,
        fixture
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'user.password-change'")
            .param(email)
            .query(Integer.class)
            .single());
  }

  @Test
  @Order(10)
  void shouldRunAnEventScriptOnAServersAgentAndShowItsOutput() throws Exception {
    browser.open(fixture.url() + "/servers/launch");
    browser.go("#next");
    browser.go("#next");
    Select images = new Select(browser.find("#image"));
    images.getOptions().stream()
        .filter(o -> o.getText().startsWith("Stratus guest agent"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the local cloud offers no agent image"))
        .click();
    browser.find("#name").sendKeys("agent-1");
    browser.go("#launch-submit");
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
    browser.go("dl.facts a");
    String server = browser.driver().getCurrentUrl();

    // The agent hand-shakes with the Dispatcher on its own; the form appears once it answers.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!browser.driver().getPageSource().contains("id=\"run-script\"")) {
      assertTrue(
          System.nanoTime() < deadline,
          () ->
              "the agent never became reachable: "
                  + fixture
                      .jdbc()
                      .sql("SELECT state, address FROM guest_agent")
                      .query()
                      .listOfRows());
      Thread.sleep(1000);
      browser.open(server);
    }
    String source = browser.driver().getPageSource();
    java.nio.file.Files.writeString(Browser.SCREENSHOTS.resolve("agent-page.html"), source);
    assertTrue(
        browser.has("#agent-state") && browser.text("#agent-state").startsWith("reachable"),
        source.substring(
            Math.max(0, source.indexOf("<main")),
            Math.min(source.length(), source.indexOf("<main") + 5000)));
    browser.go("#run-script");
    assertEquals("COMPLETE", browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR"));
    String output = browser.text("#job-output");
    assertTrue(output.contains("exit code 0") && output.contains("load"), output);
    browser.screenshot("13-script-output");
  }
}
