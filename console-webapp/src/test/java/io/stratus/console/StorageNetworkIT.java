package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.Browser;
import io.stratus.console.support.BrowserConsoleTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The storage and network pages in a real browser over a whole platform with a simulated
 * local-cloud region: the customer's administrator adds the local account, creates a volume and
 * snapshots it, creates a firewall and authorizes a rule on it, and requests an IP address, each
 * followed to its job's completion and then seen in its list. Screenshots land in {@code
 * target/screenshots} (20-volumes, 21-firewall, 22-ip-addresses).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageNetworkIT extends BrowserConsoleTest {

  @BeforeAll
  static void startPlatform() throws Exception {
    start("storage-network", SIMULATED);
  }

  @Test
  @Order(1)
  void shouldSignInAndAddTheLocalAccount() throws Exception {
    browser.signIn(fixture.url(), acme.email(), acme.password());
    fixture.addLocalAccount(browser, "local");
    awaitJob();
  }

  @Test
  @Order(2)
  void shouldCreateAVolumeAndSnapshotIt() throws Exception {
    browser.open(fixture.url() + "/volumes");
    assertTrue(browser.driver().getPageSource().contains("No volumes."));
    browser.go("#new-volume");
    browser.go("#next"); // the only region
    browser.find("#volume-name").sendKeys("data-1");
    browser.find("#volume-size").clear();
    browser.find("#volume-size").sendKeys("2");
    browser.go("#create-volume");
    awaitJob();

    browser.open(fixture.url() + "/volumes");
    String list = browser.text("#volume-list");
    assertTrue(list.contains("data-1") && list.contains("2 GB"), list);
    assertTrue(list.contains("available"), list);
    long volumeId =
        fixture
            .jdbc()
            .sql("SELECT id FROM volume WHERE customer_id = ? AND name = 'data-1'")
            .param(acme.id())
            .query(Long.class)
            .single();
    assertTrue(browser.has("#remove-" + volumeId), "an available volume can be removed");
    assertTrue(!browser.has("#detach-" + volumeId), "nothing to detach it from");
    browser.screenshot("20-volumes");

    browser.find("#snapshot-name-" + volumeId).sendKeys("data-1-first");
    browser.go("#snapshot-" + volumeId);
    awaitJob();
    browser.open(fixture.url() + "/snapshots");
    assertTrue(browser.text("#snapshot-list").contains("data-1-first"));
  }

  @Test
  @Order(3)
  void shouldCreateAFirewallAndAuthorizeARule() throws Exception {
    browser.open(fixture.url() + "/firewalls");
    browser.find("#firewall-name").sendKeys("web");
    browser.find("#firewall-description").sendKeys("HTTPS from the office");
    browser.go("#create-firewall");
    awaitJob();

    browser.open(fixture.url() + "/firewalls");
    assertTrue(browser.text("#firewall-list").contains("active"), browser.text("#firewall-list"));
    browser.driver().findElement(By.linkText("web")).click();
    assertEquals("active", browser.text("#firewall-state"));
    String firewallUrl = browser.driver().getCurrentUrl();
    assertTrue(browser.has("#no-rules"));

    new Select(browser.find("#rule-direction")).selectByValue("INGRESS");
    new Select(browser.find("#rule-protocol")).selectByValue("TCP");
    browser.find("#rule-from").sendKeys("443");
    browser.find("#rule-cidr").sendKeys("203.0.113.0/24");
    browser.go("#add-rule");
    awaitJob();

    browser.open(firewallUrl);
    String rules = browser.text("#rule-list");
    assertTrue(
        rules.contains("INGRESS")
            && rules.contains("TCP")
            && rules.contains("443")
            && rules.contains("203.0.113.0/24"),
        rules);
    assertTrue(browser.has("#remove-firewall"));
    browser.screenshot("21-firewall");
  }

  @Test
  @Order(4)
  void shouldRequestAnIpAddress() throws Exception {
    browser.open(fixture.url() + "/ip-addresses");
    browser.go("#request-ip");
    awaitJob();

    browser.open(fixture.url() + "/ip-addresses");
    String list = browser.text("#ip-list");
    assertTrue(list.contains("available") && list.contains("sim-1"), list);
    long addressId =
        fixture
            .jdbc()
            .sql("SELECT id FROM ip_address WHERE customer_id = ?")
            .param(acme.id())
            .query(Long.class)
            .single();
    assertTrue(browser.has("#release-" + addressId), "an available address can be released");
    assertTrue(!browser.has("#assign-" + addressId), "no server to assign it to");
    browser.screenshot("22-ip-addresses");
  }

  /** Clicks a button whose form asks first, and accepts. */
  private static void confirm(String css) {
    browser.find(css).click();
    browser.driver().switchTo().alert().accept();
    awaitJob();
  }

  private static long id(String sql) {
    return fixture.jdbc().sql(sql).param(acme.id()).query(Long.class).single();
  }

  @Test
  @Order(5)
  void shouldAttachDetachAssignUnassignRevokeAndRelease() throws Exception {
    browser.open(fixture.url() + "/images");
    assertTrue(browser.has("#image-list"), "the cloud's images are listed");

    browser.open(fixture.url() + "/servers/launch");
    browser.go("#next"); // the only account
    browser.go("#next"); // the only region
    new Select(browser.find("#image")).selectByIndex(0);
    new Select(browser.find("#product")).selectByIndex(0);
    browser.find("#name").sendKeys("web-1");
    browser.go("#launch-submit");
    awaitJob();
    long server = id("SELECT id FROM server WHERE customer_id = ? AND name = 'web-1'");

    long volume = id("SELECT id FROM volume WHERE customer_id = ? AND name = 'data-1'");
    browser.open(fixture.url() + "/volumes");
    // A device name the local cloud would refuse is refused beside the field, the choice kept.
    long jobsBefore = id("SELECT COUNT(*) FROM job WHERE customer_id = ?");
    new Select(browser.find("#attach-server-" + volume)).selectByValue(String.valueOf(server));
    browser.find("#attach-device-" + volume).sendKeys("/dev/sdf");
    browser.go("#attach-" + volume);
    assertEquals(
        "Device must be 1 to 16 lower-case letters or digits, such as vdb on this cloud.",
        browser.text("#refused-device"));
    assertEquals("/dev/sdf", browser.find("#attach-device-" + volume).getAttribute("value"));
    assertEquals(
        String.valueOf(server),
        new Select(browser.find("#attach-server-" + volume))
            .getFirstSelectedOption()
            .getAttribute("value"));
    assertEquals(jobsBefore, id("SELECT COUNT(*) FROM job WHERE customer_id = ?"));
    browser.find("#attach-device-" + volume).clear();
    browser.find("#attach-device-" + volume).sendKeys("vdb"); // the local cloud's device names
    browser.go("#attach-" + volume);
    awaitJob();
    browser.open(fixture.url() + "/volumes");
    assertEquals("attached", browser.text("#volume-state-" + volume));
    assertTrue(browser.text("#volume-" + volume).contains("web-1 on vdb"));
    assertFalse(browser.has("#remove-" + volume), "an attached volume cannot be removed");
    confirm("#detach-" + volume);
    browser.open(fixture.url() + "/volumes");
    assertEquals("available", browser.text("#volume-state-" + volume));

    long address = id("SELECT id FROM ip_address WHERE customer_id = ?");
    browser.open(fixture.url() + "/ip-addresses");
    new Select(browser.find("#assign-server-" + address)).selectByValue(String.valueOf(server));
    browser.go("#assign-" + address);
    awaitJob();
    browser.open(fixture.url() + "/ip-addresses");
    assertEquals("assigned", browser.text("#ip-state-" + address));
    assertTrue(browser.text("#ip-" + address).contains("web-1"));
    assertFalse(browser.has("#release-" + address), "an assigned address cannot be released");
    confirm("#unassign-" + address);
    browser.open(fixture.url() + "/ip-addresses");
    confirm("#release-" + address);
    browser.open(fixture.url() + "/ip-addresses");
    assertTrue(browser.driver().getPageSource().contains("No IP addresses."));

    long firewall = id("SELECT id FROM firewall WHERE customer_id = ? AND name = 'web'");
    long rule = id("SELECT id FROM firewall_rule WHERE customer_id = ?");
    browser.open(fixture.url() + "/firewalls/" + firewall);
    confirm("#revoke-" + rule);
    browser.open(fixture.url() + "/firewalls/" + firewall);
    assertTrue(browser.has("#no-rules"), "the rule is revoked");
  }

  @Test
  @Order(6)
  void shouldNeitherOfferNorAllowChangesWithOnlyReadRights() throws Exception {
    String email = "reader@acme.example";
    String password =
        newReader(
            "Reader",
            email,
            java.util.List.of("volume", "snapshot", "ip_address", "firewall", "machine_image"));
    long volume = id("SELECT id FROM volume WHERE customer_id = ? AND name = 'data-1'");
    long firewall = id("SELECT id FROM firewall WHERE customer_id = ? AND name = 'web'");
    try (Browser reader = new Browser(1024, 768)) {
      reader.signIn(fixture.url(), email, password);

      reader.open(fixture.url() + "/volumes");
      assertTrue(reader.text("#volume-list").contains("data-1"), "the volume is visible");
      assertFalse(reader.has("#new-volume") || reader.has("#remove-" + volume));
      assertFalse(reader.has("#snapshot-" + volume));
      reader.open(fixture.url() + "/firewalls");
      assertFalse(reader.has("#create-firewall"));
      reader.open(fixture.url() + "/firewalls/" + firewall);
      assertFalse(reader.has("#add-rule") || reader.has("#remove-firewall"));
      reader.open(fixture.url() + "/ip-addresses");
      assertFalse(reader.has("#request-ip"));

      Object status =
          reader
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "const headers = JSON.parse(document.body.getAttribute('hx-headers'));"
                      + "headers['Content-Type'] = 'application/x-www-form-urlencoded';"
                      + "fetch('/volumes/"
                      + volume
                      + "/remove', {method: 'POST', headers: headers})"
                      + ".then(r => done(r.status), e => done(String(e)));");
      assertEquals(403L, status);
    }
    assertEquals(
        "available",
        fixture
            .jdbc()
            .sql("SELECT state FROM volume WHERE id = ?")
            .param(volume)
            .query(String.class)
            .single());
  }
}
