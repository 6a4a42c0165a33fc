package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.BrowserConsoleTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's forms, times and lists over a whole platform with a simulated local-cloud region,
 * in a real browser: a firewall rule or a volume the cloud would refuse is refused on its form,
 * before the Dispatcher, with the reason beside its field and everything typed kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleUxIT extends BrowserConsoleTest {
  private static long firewall;

  @BeforeAll
  static void startPlatform() throws Exception {
    start("console-ux", SIMULATED);
    signInWithLocalAccount();
    browser.open(fixture.url() + "/firewalls");
    browser.find("#firewall-name").sendKeys("web");
    browser.go("#create-firewall");
    awaitJob();
    firewall =
        fixture
            .jdbc()
            .sql("SELECT id FROM firewall WHERE customer_id = ? AND name = 'web'")
            .param(acme.id())
            .query(Long.class)
            .single();
  }

  private static long jobs() {
    return fixture
        .jdbc()
        .sql("SELECT COUNT(*) FROM job WHERE customer_id = ?")
        .param(acme.id())
        .query(Long.class)
        .single();
  }

  /**
   * Fills the form's fields by their ids and sends it as the browser would, but past the browser's
   * own checks (min, max, required), so what the console does with the values is what is seen.
   */
  private static void send(String form, Map<String, String> values) {
    StringBuilder js = new StringBuilder();
    values.forEach(
        (id, value) ->
            js.append("document.getElementById('")
                .append(id)
                .append("').value = ")
                .append(quote(value))
                .append(";"));
    var before = browser.find("#" + form);
    browser
        .driver()
        .executeScript(
            js + "HTMLFormElement.prototype.submit.call(document.getElementById(arguments[0]));",
            form);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(ExpectedConditions.stalenessOf(before));
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String value(String id) {
    return browser.find("#" + id).getAttribute("value");
  }

  @Test
  @Order(1)
  void shouldRefuseOnTheFormARuleTheCloudWouldRefuseKeepingWhatWasTyped() throws Exception {
    long before = jobs();
    record Case(String protocol, String from, String to, String cidr, String field, String says) {}
    for (Case c :
        new Case[] {
          new Case(
              "TCP",
              "0",
              "",
              "203.0.113.0/24",
              "fromPort",
              "From port must be a number from 1 to 65535."),
          new Case(
              "TCP",
              "80",
              "70000",
              "203.0.113.0/24",
              "toPort",
              "To port must be a number from 1 to 65535."),
          new Case(
              "TCP",
              "443",
              "80",
              "203.0.113.0/24",
              "toPort",
              "To port must not be below the from port (443)."),
          new Case(
              "ICMP",
              "8",
              "",
              "203.0.113.0/24",
              "fromPort",
              "ICMP has no ports: leave the ports empty."),
          new Case(
              "TCP",
              "22",
              "",
              "300.1.2.3/24",
              "cidr",
              "Source network must be an address and a prefix length, such as 203.0.113.0/24."),
          new Case(
              "TCP",
              "22",
              "",
              "10.0.0.0/8 or so",
              "cidr",
              "Source network must be an address and a prefix length, such as 203.0.113.0/24."),
          new Case(
              "UDP",
              "53",
              "",
              "2001:db8::/32",
              "cidr",
              "This cloud's firewalls take IPv4 networks only, such as 203.0.113.0/24."),
        }) {
      browser.open(fixture.url() + "/firewalls/" + firewall);
      send(
          "rule-form",
          Map.of(
              "rule-protocol", c.protocol(),
              "rule-from", c.from(),
              "rule-to", c.to(),
              "rule-cidr", c.cidr()));
      assertTrue(
          browser.driver().getCurrentUrl().endsWith("/firewalls/" + firewall + "/rules"),
          "the form again, not a job: " + browser.driver().getCurrentUrl());
      assertEquals(c.says(), browser.text("#refused-" + c.field()), c.toString());
      // Beside its field: the reason follows the field's input in the form.
      String input =
          Map.of("fromPort", "rule-from", "toPort", "rule-to", "cidr", "rule-cidr").get(c.field());
      assertEquals(
          "refused-" + c.field(),
          browser
              .find("#" + input)
              .findElement(By.xpath("following-sibling::*[1]"))
              .getAttribute("id"),
          c.toString());
      assertEquals("true", browser.find("#" + input).getAttribute("aria-invalid"));
      assertEquals(c.protocol(), value("rule-protocol"));
      assertEquals(c.from(), value("rule-from"));
      assertEquals(c.to(), value("rule-to"));
      assertEquals(c.cidr(), value("rule-cidr"));
    }
    assertEquals(before, jobs(), "nothing reached the Dispatcher");
    browser.screenshot("40-rule-refused");

    // Refused with 400, as a page: never a 500, never a job.
    Object status =
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const f = new FormData(document.getElementById('rule-form'));"
                    + "f.set('fromPort', 'eighty');"
                    + "fetch(location.pathname.replace(/\\/rules$/, '') + '/rules', {method: 'POST', body: new URLSearchParams(f)})"
                    + ".then(r => r.text().then(t => done(r.status + ' ' + t)), e => done(String(e)));");
    assertTrue(String.valueOf(status).startsWith("400 "), String.valueOf(status).substring(0, 80));
    assertTrue(String.valueOf(status).contains("From port must be a number from 1 to 65535."));

    // A good rule, ICMP without ports, still goes through.
    browser.open(fixture.url() + "/firewalls/" + firewall);
    send(
        "rule-form",
        Map.of(
            "rule-protocol",
            "ICMP",
            "rule-from",
            "",
            "rule-to",
            "",
            "rule-cidr",
            "198.51.100.0/24"));
    awaitJob();
    assertEquals(before + 1, jobs());
  }

  @Test
  @Order(2)
  void shouldRefuseOnTheFormAVolumeSizeOutsideTheCloudsLimitsKeepingWhatWasTyped() {
    long before = jobs();
    browser.open(fixture.url() + "/volumes/new");
    browser.go("#next");
    for (String size : new String[] {"0", "5000", "lots"}) {
      browser.find("#volume-name").clear();
      send("volume-form", Map.of("volume-name", "data-9", "volume-size", size));
      assertEquals(
          "Size (GB) must be a whole number from 1 to 1024 on this cloud.",
          browser.text("#refused-sizeGb"),
          size);
      assertEquals("data-9", value("volume-name"));
      assertEquals(size.equals("lots") ? "" : size, value("volume-size"), "as typed");
    }
    send("volume-form", Map.of("volume-name", " ", "volume-size", "2"));
    assertEquals("Name is needed: a volume is known by it.", browser.text("#refused-name"));
    assertEquals("2", value("volume-size"));
    assertFalse(browser.has("#refused-sizeGb"));
    assertEquals(before, jobs(), "nothing reached the Dispatcher");
  }

  /** The full time of a stored UTC time in a zone, as pages print it on hover. */
  private static String full(LocalDateTime utc, String zone) {
    return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH)
            .format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(ZoneId.of(zone)))
        + " "
        + zone;
  }

  @Test
  @Order(3)
  void shouldPrintTimesAsWordsWithTheFullTimeInTheBrowsersZoneOrTheUsersChoice() {
    long job =
        fixture
            .jdbc()
            .sql("SELECT MAX(id) FROM job WHERE customer_id = ?")
            .param(acme.id())
            .query(Long.class)
            .single();
    LocalDateTime created =
        fixture
            .jdbc()
            .sql("SELECT created_at FROM job WHERE id = ?")
            .param(job)
            .query(LocalDateTime.class)
            .single();
    // The browser says it is in Tokyo: its script tells the console, which prints in its zone.
    browser
        .driver()
        .executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
    browser.open(fixture.url() + "/jobs/" + job);
    browser.open(fixture.url() + "/jobs/" + job);
    assertEquals("Asia/Tokyo", browser.text("#my-zone"));
    var started = browser.find("dl.facts time");
    assertEquals(full(created, "Asia/Tokyo"), started.getAttribute("title"));
    assertTrue(started.getText().matches("just now|\\d+ min ago|\\d+ h ago"), started.getText());
    assertEquals(
        created.atOffset(ZoneOffset.UTC).toInstant().toString(), started.getAttribute("datetime"));
    // Lists too: a server's launch time, in its declared column.
    fixture
        .jdbc()
        .sql(
            "INSERT INTO server (customer_id, cloud_account_id, region_id, name, state, launched_at)"
                + " SELECT customer_id, cloud_account_id, region_id, 'listed', 'terminated', ?"
                + " FROM firewall WHERE id = ?")
        .params(LocalDateTime.of(2026, 3, 1, 10, 0), firewall)
        .update();
    browser.open(fixture.url() + "/servers?ended=1&name=listed");
    var launched = browser.find("#server-list tbody time");
    assertEquals("1 Mar 2026, 19:00:00 Asia/Tokyo", launched.getAttribute("title"));
    assertEquals("2026-03-01T10:00:00Z", launched.getAttribute("datetime"));

    // The user's own choice wins over the browser's, on every page, until it follows it again.
    browser.open(fixture.url() + "/me/time-zone");
    new org.openqa.selenium.support.ui.Select(browser.find("#zone")).selectByValue("Europe/Paris");
    browser.go("#save-zone");
    assertEquals("Europe/Paris", browser.text("#my-zone"));
    assertEquals(
        "Europe/Paris",
        fixture
            .jdbc()
            .sql("SELECT time_zone FROM user_account WHERE id = ?")
            .param(acme.userId())
            .query(String.class)
            .single());
    browser.open(fixture.url() + "/jobs/" + job);
    assertEquals(
        full(created, "Europe/Paris"), browser.find("dl.facts time").getAttribute("title"));
    browser.open(fixture.url() + "/me/time-zone");
    new org.openqa.selenium.support.ui.Select(browser.find("#zone")).selectByValue("");
    browser.go("#save-zone");
    assertEquals("Asia/Tokyo", browser.text("#my-zone"));

    // A zone that is not one is refused with 400, not stored.
    Object status =
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const f = new FormData(document.getElementById('zone-form'));"
                    + "f.set('zone', 'Mars/Olympus');"
                    + "fetch('/me/time-zone', {method: 'POST', body: new URLSearchParams(f)})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertEquals(400L, status);
  }

  @Test
  @Order(4)
  void shouldRefreshListsAndTheDashboardByThemselvesLeavingWhatIsTypedAlone() {
    browser.open(fixture.url() + "/");
    assertEquals("/", browser.find("#dashboard-live").getAttribute("hx-get"));
    assertTrue(browser.find("#dashboard-live").getAttribute("hx-trigger").contains("every 10s"));

    browser.open(fixture.url() + "/firewalls");
    assertTrue(browser.find("#firewall-rows").getAttribute("hx-trigger").contains("every 10s"));
    browser.driver().executeScript("window.stillThisPage = true;");
    browser.find("#filter-name").sendKeys("typed, not sent");
    // A firewall appears in the database (an account the workers leave alone, as another user's
    // action or a cache refresh would make it appear).
    long cloud =
        fixture
            .jdbc()
            .sql("SELECT cloud_id FROM cloud_account WHERE customer_id = ? LIMIT 1")
            .param(acme.id())
            .query(Long.class)
            .single();
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    fixture
        .jdbc()
        .sql(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status)"
                + " VALUES (?, ?, 'quiet', 'pending')")
        .params(acme.id(), cloud)
        .update(key);
    long account = key.getKey().longValue();
    key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    fixture
        .jdbc()
        .sql(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)"
                + " VALUES (?, ?, 'q1', 'q1')")
        .params(acme.id(), account)
        .update(key);
    fixture
        .jdbc()
        .sql(
            "INSERT INTO firewall (customer_id, cloud_account_id, region_id, name, state)"
                + " VALUES (?, ?, ?, 'arrived', 'active')")
        .params(acme.id(), account, key.getKey().longValue())
        .update();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(25))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> browser.text("#firewall-list").contains("arrived"));
    assertEquals(
        true,
        browser.driver().executeScript("return window.stillThisPage === true;"),
        "the rows were swapped in, the page was not reloaded");
    assertEquals("typed, not sent", value("filter-name"), "the filter form is left alone");
  }

  @Test
  @Order(5)
  void shouldLabelTheAccountFormWithTheDriversDeclaredLabels() {
    browser.open(fixture.url() + "/accounts");
    browser.go("#add-account");
    browser.go("#next");
    int shown = 0;
    for (io.stratus.cloud.spi.ConfigField f :
        io.stratus.cloud.spi.CloudProviders.byName("local").contextFields()) {
      if (!browser.has("label[for=field-" + f.name() + "]")) {
        continue;
      }
      shown++;
      String label = browser.text("label[for=field-" + f.name() + "]");
      assertTrue(f.label() != null, f.name() + " is labelled by the driver");
      assertTrue(label.equals(f.label()) || label.equals(f.label() + " (optional)"), label);
    }
    assertTrue(shown >= 2, "the access and secret keys at least");
  }

  @Test
  @Order(6)
  void shouldFilterTheAuditLogByActorIgnoringCaseWithWildcardsTakenLiterally() {
    browser.open(fixture.url() + "/audit?actor=ADMIN%40ACME");
    assertTrue(
        browser.text("#audit-list").contains(acme.email()),
        "upper case finds the lower-case actor");
    browser.open(fixture.url() + "/audit?actor=admin_acme");
    assertTrue(browser.driver().getPageSource().contains("No events match."), "_ is no wildcard");
    browser.open(fixture.url() + "/audit?actor=" + "%25");
    assertTrue(browser.driver().getPageSource().contains("No events match."), "% is no wildcard");
  }
}
