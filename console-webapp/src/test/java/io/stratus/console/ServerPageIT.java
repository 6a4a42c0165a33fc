package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.BrowserConsoleTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A server's page and the launch wizard in a real browser, over a whole platform with the local
 * cloud's simulated VMs: what the page says of a server launched with the data centre left to the
 * cloud (the product once, the data centre the cloud chose, the description, an agent never seen)
 * and the words its suggestion lists offer; the launch wizard offering only firewalls a server can
 * be put behind, and refusing a deleted one before anything is dispatched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerPageIT extends BrowserConsoleTest {
  private static String serverUrl;
  private static long serverId;

  @BeforeAll
  static void startPlatform() throws Exception {
    start("server-page", SIMULATED);
    signInWithLocalAccount();
    serverUrl = launch("batch-1", "nightly batch");
    serverId = Long.parseLong(serverUrl.replaceAll(".*/servers/", ""));
  }

  @Test
  @Order(1)
  void shouldShowTheProductOnceTheDataCentreTheCloudChoseAndTheDescription() {
    browser.open(serverUrl);
    assertEquals("Small (1 CPU, 256 MB)", browser.text("#server-product"));
    assertEquals("sim-1a", browser.text("#server-data-center"), "the local cloud's default");
    assertEquals("nightly batch", browser.text("#server-description"));
  }

  @Test
  @Order(2)
  void shouldSayNeverForAnAgentNeverSeen() {
    fixture
        .jdbc()
        .sql("INSERT INTO guest_agent (customer_id, server_id, state) VALUES (?, ?, 'pending')")
        .params(acme.id(), serverId)
        .update();
    browser.open(serverUrl);
    assertEquals("pending (last seen never)", browser.text("#agent-state"));
  }

  @Test
  @Order(3)
  void shouldNameEveryEventScriptSuggestion() {
    fixture
        .jdbc()
        .sql(
            "UPDATE guest_agent SET state = 'reachable', last_seen_at = NOW(3) WHERE server_id = ?")
        .param(serverId)
        .update();
    browser.open(serverUrl);
    assertFalse(browser.text("#agent-state").contains("never"));
    List<String> words = optionWords("#script-names option");
    assertEquals(
        List.of(
            "scaleCheck",
            "addUser",
            "removeUser",
            "mount",
            "unmount",
            "format",
            "configureService",
            "backupService"),
        words);
  }

  @Test
  @Order(4)
  void shouldOfferOnlyUsableFirewallsAndRefuseADeletedOneBeforeAnyJob() {
    createFirewall("web");
    createFirewall("old");
    long old =
        fixture
            .jdbc()
            .sql("SELECT id FROM firewall WHERE customer_id = ? AND name = 'old'")
            .param(acme.id())
            .query(Long.class)
            .single();
    browser.open(fixture.url() + "/firewalls/" + old);
    browser.find("#remove-firewall").click();
    browser.driver().switchTo().alert().accept();
    awaitJob();

    openLaunchDetails();
    List<String> offered =
        browser.driver().findElements(By.cssSelector("input[name=firewalls]")).stream()
            .map(e -> e.findElement(By.xpath("..")).getText().strip())
            .toList();
    assertEquals(List.of("web"), offered, "the deleted firewall is not offered");
    assertEquals(
        "A name on this cloud is 1 to 64 letters, digits, dots, dashes or underscores, beginning"
            + " with a letter or a digit.",
        browser.text("#name-rule"),
        "the cloud's name rule in words, not a regular expression");

    // A form kept open from before the removal still sends the deleted firewall.
    int servers = count("server");
    int jobs = count("job");
    browser
        .driver()
        .executeScript(
            "const box = document.querySelector('input[name=firewalls]');"
                + "box.value = arguments[0]; box.checked = true;",
            String.valueOf(old));
    new Select(browser.find("#image")).selectByIndex(0);
    new Select(browser.find("#product")).selectByIndex(0);
    browser.find("#name").sendKeys("behind-old");
    browser.go("#launch-submit");
    assertTrue(
        browser.text("#problem").contains("firewall old is deleted"), browser.text("#problem"));
    assertEquals("behind-old", browser.find("#name").getAttribute("value"), "the form keeps it");
    assertTrue(browser.has("#launch-submit"), "the form is shown again");
    assertEquals(servers, count("server"), "no server row left pending");
    assertEquals(jobs, count("job"), "nothing dispatched");
  }

  @Test
  @Order(5)
  void shouldSayJobsAndWhatTheyAreAboutInWords() {
    browser.open(fixture.url() + "/jobs");
    String jobs = browser.find("main").getText();
    assertTrue(jobs.contains("Launch server") && jobs.contains("server batch-1"), jobs);
    assertTrue(jobs.contains("Add cloud account") && jobs.contains("account local"), jobs);
    assertFalse(jobs.contains("server.launch") || jobs.contains("cloud_account"), jobs);
    browser.driver().findElement(By.linkText("server batch-1")).click();
    assertEquals(serverUrl, browser.driver().getCurrentUrl(), "the job links to its server");

    browser.open(serverUrl);
    browser.driver().findElement(By.cssSelector("a[href^='/jobs/']")).click();
    assertTrue(browser.text("h1").endsWith(": Launch server"), browser.text("h1"));
    assertEquals("server batch-1", browser.text("#job-about"));
  }

  @Test
  @Order(6)
  void shouldLabelTheAccountFormInWords() {
    browser.open(fixture.url() + "/accounts/new");
    browser.go("#next");
    assertEquals("Access key", browser.text("label[for=field-accessKey]"));
    assertEquals("Secret key", browser.text("label[for=field-secretKey]"));
  }

  @Test
  @Order(7)
  void shouldAnswerAVisitToAFormsAddressWith405InWords() throws Exception {
    browser.open(serverUrl + "/stop");
    assertEquals("Not a page to visit", browser.text("h1"));
    assertTrue(browser.text("#problem").contains("takes a form"), browser.text("#problem"));
    var status =
        java.net.http.HttpClient.newBuilder()
            .sslContext(installationTrust())
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(serverUrl + "/stop"))
                    .header(
                        "Cookie",
                        "STRATUS_SESSION="
                            + browser.manage().getCookieNamed("STRATUS_SESSION").getValue())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding())
            .statusCode();
    assertEquals(405, status);
  }

  /** Trusts the installation's CA, as a browser that was told to would. */
  private static javax.net.ssl.SSLContext installationTrust() throws Exception {
    javax.net.ssl.TrustManagerFactory trust =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(fixture.platform().km().tls("console").trustStore());
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static void createFirewall(String name) {
    browser.open(fixture.url() + "/firewalls");
    browser.find("#firewall-name").sendKeys(name);
    browser.go("#create-firewall");
    awaitJob();
  }

  private static void openLaunchDetails() {
    browser.open(fixture.url() + "/servers/launch");
    browser.go("#next");
    browser.go("#next");
  }

  private static int count(String table) {
    return fixture.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
  }

  /** Each option's words, or its value and words apart when they differ. */
  @SuppressWarnings("unchecked")
  private static List<String> optionWords(String css) {
    return (List<String>)
        browser
            .driver()
            .executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                    + ".map(o => o.textContent.trim() === o.value"
                    + " ? o.value : o.value + ' reads ' + o.textContent.trim());",
                css);
  }
}
